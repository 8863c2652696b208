"""`tubelens fetch URL -o DIR` against the fake: a sample survives YouTube and back unchanged."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import SAMPLES
from tests.fakes.youtube_server import FakeVideo, FakeYouTube, fake_from_bundle
from tubelens.bundles import load_bundle, write_bundle
from tubelens.cli.main import app

runner = CliRunner()


def _fetch(fake: FakeYouTube, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["fetch", *args], env=fake.settings_env())
    return result.exit_code, result.output


def test_fetched_bundle_matches_the_sample_it_was_served_from(fake_youtube, tmp_path) -> None:
    for name in ("en-sourdough", "ko-homecafe"):
        sample = load_bundle(SAMPLES / name)
        fake_youtube.add(fake_from_bundle(sample))
        out = tmp_path / name
        link = f"https://www.youtube.com/watch?v={sample.metadata.video_id}&t=42s"
        code, output = _fetch(fake_youtube, link, "-o", str(out))
        assert code == 0, output
        fetched = load_bundle(out)
        assert fetched.metadata == sample.metadata
        assert fetched.transcript == sample.transcript
        assert sorted(fetched.comments, key=_id) == sorted(sample.comments, key=_id)
        assert fetched.thumbnail == sample.thumbnail
        assert "quota spent" in output and "uploaded by the creator" in output


def test_missing_parts_are_noted_and_the_rest_is_saved(fake_youtube, tmp_path) -> None:
    fake_youtube.add(FakeVideo("abcdefghijk", comments_disabled=True, captions_failure="disabled"))
    code, output = _fetch(fake_youtube, "abcdefghijk", "-o", str(tmp_path / "b"))
    assert code == 0, output
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["video.json"]
    assert "COMMENTS_DISABLED" in output and "captions are turned off" in output
    assert "THUMBNAIL_MISSING" in output


def test_refuses_bad_links_missing_videos_and_overwrites(fake_youtube, tmp_path) -> None:
    code, output = _fetch(fake_youtube, "https://vimeo.com/123", "-o", str(tmp_path / "x"))
    assert code == 1 and "INVALID_VIDEO_LINK" in output
    code, output = _fetch(fake_youtube, "abcdefghijk", "-o", str(tmp_path / "x"))
    assert code == 1 and "VIDEO_UNAVAILABLE" in output
    assert not (tmp_path / "x").exists()
    fake_youtube.add(FakeVideo("abcdefghijk"))
    assert _fetch(fake_youtube, "abcdefghijk", "-o", str(tmp_path / "x"))[0] == 0
    code, output = _fetch(fake_youtube, "abcdefghijk", "-o", str(tmp_path / "x"))
    assert code == 2 and "--force" in output


def test_without_an_api_key_it_says_which_variable_to_set(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["fetch", "abcdefghijk", "-o", str(tmp_path)], env={"TUBELENS_YOUTUBE_API_KEY": ""}
    )
    assert result.exit_code == 2 and "TUBELENS_YOUTUBE_API_KEY" in result.output


def _id(comment) -> str:
    return comment.id


def test_written_bundles_read_back_unchanged(tmp_path) -> None:
    for name in ("en-sourdough", "ko-homecafe"):
        sample = load_bundle(SAMPLES / name)
        written = write_bundle(
            tmp_path / name, sample.metadata, sample.transcript, sample.comments, sample.thumbnail
        )
        assert sorted(p.name for p in written) == [
            "comments.jsonl",
            "thumbnail.jpg",
            "transcript.vtt",
            "video.json",
        ]
        copy = load_bundle(tmp_path / name)
        assert (copy.metadata, copy.transcript, copy.comments, copy.thumbnail) == (
            sample.metadata,
            sample.transcript,
            sample.comments,
            sample.thumbnail,
        )
