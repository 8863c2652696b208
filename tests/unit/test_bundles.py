import json
from pathlib import Path

import pytest

from gateway.sources import BundleSource, bundle_path
from tubelens.bundles import load_bundle, parse_iso_duration
from tubelens.errors import InvalidInput, NotFound


@pytest.mark.parametrize(
    ("text", "seconds"), [("PT12M34S", 754), ("PT1H", 3600), ("P1DT2H", 93600), ("PT0.5S", 0.5)]
)
def test_iso_durations(text: str, seconds: float) -> None:
    assert parse_iso_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "P", "PT", "12:34", "PT5X"])
def test_bad_iso_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_duration(text)


@pytest.mark.parametrize("sample", ["en-sourdough", "ko-homecafe"])
def test_samples_load_completely(samples: Path, sample: str) -> None:
    bundle = load_bundle(samples / sample)
    assert len(bundle.metadata.video_id) == 11
    assert bundle.metadata.duration_seconds > 60
    assert bundle.transcript is not None and len(bundle.transcript.cues) >= 100
    assert bundle.transcript.cues[-1].end <= bundle.metadata.duration_seconds
    assert len(bundle.comments) >= 200
    ids = {c.id for c in bundle.comments}
    assert all(c.parent_id in ids for c in bundle.comments if c.parent_id)
    assert bundle.thumbnail is not None and bundle.thumbnail[:2] == b"\xff\xd8"


def test_broken_comment_line_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "video.json").write_text(json.dumps({"title": "t", "duration": "PT1M"}))
    (tmp_path / "comments.jsonl").write_text('{"id": "a", "text": "ok"}\n{"id": "b"}\n')
    with pytest.raises(InvalidInput) as caught:
        load_bundle(tmp_path)
    assert "comments.jsonl, line 2" in caught.value.message


def test_metadata_must_be_valid(tmp_path: Path) -> None:
    (tmp_path / "video.json").write_text(json.dumps({"title": "t", "duration": "12 minutes"}))
    with pytest.raises(InvalidInput) as caught:
        load_bundle(tmp_path)
    assert "video.json" in caught.value.message


def test_unknown_bundle_lists_the_samples(samples: Path) -> None:
    with pytest.raises(NotFound) as caught:
        bundle_path("no-such-bundle", [samples])
    assert "en-sourdough" in caught.value.message


async def test_source_loads_each_part_once_and_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "video.json").write_text(json.dumps({"title": "t", "default_language": "en"}))
    (tmp_path / "comments.jsonl").write_text('{"id": "a", "text": "nice"}\n')
    source = await BundleSource.open(tmp_path)
    first, second = await source.comments(), await source.comments()
    assert first is second and first[0].text == "nice"
    assert await source.transcript() is None and await source.thumbnail() is None
