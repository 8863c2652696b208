"""The gateway's bundle branch: a VideoRef.bundle resolved only inside the roots, each part
read bounded, and every refusal a domain error that shows no server path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gateway.sources import BundleSource, resolve
from tests.conftest import ROOT, SAMPLES
from tubelens.errors import InvalidInput, NotFound, TubeLensError


@pytest.fixture
def root(tmp_path: Path) -> Path:
    bundle = tmp_path / "root" / "mine"
    bundle.mkdir(parents=True)
    (bundle / "video.json").write_text(json.dumps({"title": "mine", "default_language": "en"}))
    return tmp_path / "root"


async def refusal(reference: str, roots: list[Path] | None) -> TubeLensError:
    with pytest.raises(TubeLensError) as caught:
        await resolve("bundle", reference, roots)
    message = caught.value.message
    for shown in (str(ROOT), str(Path.home()), "/root", "/home", "/tmp"):
        assert shown not in message
    return caught.value


async def test_existing_and_missing_directories_are_not_told_apart(root: Path) -> None:
    etc, nope = await refusal("/etc", [root]), await refusal("/nope", [root])
    assert isinstance(etc, NotFound) and etc.reason == "BUNDLE_NOT_FOUND"
    assert etc.message == nope.message


async def test_hostile_references_never_escape_as_os_errors(root: Path) -> None:
    assert isinstance(await refusal("/proc/1/root", [root]), NotFound)
    assert isinstance(await refusal("mine\x00", [root]), NotFound)
    assert isinstance(await refusal("n" * 1000, [root]), NotFound)  # ENAMETOOLONG inside
    too_long = await refusal("/" + "x" * 10_240, [root])
    assert isinstance(too_long, InvalidInput) and "1,024" in too_long.message


async def test_a_gateway_without_roots_serves_no_bundle() -> None:
    assert isinstance(await refusal("en-sourdough", None), NotFound)


async def test_samples_still_resolve_by_name_and_path() -> None:
    by_name = await resolve("bundle", "en-sourdough", [SAMPLES])
    by_path = await resolve("bundle", str(SAMPLES / "ko-homecafe"), [SAMPLES])
    assert by_name.metadata.title.startswith("Sourdough")
    assert by_path.metadata.default_language == "ko"


async def test_a_transcript_linked_out_of_the_bundle_is_not_served(
    root: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.vtt"
    secret.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nthe secret line\n")
    (root / "mine" / "transcript.vtt").symlink_to(secret)
    source = await resolve("bundle", "mine", [root])
    with pytest.raises(InvalidInput) as caught:
        await source.transcript()
    assert "transcript.vtt" in caught.value.message
    assert "secret" not in caught.value.message


async def test_a_sparse_1_gib_thumbnail_is_refused_unread(root: Path) -> None:
    with (root / "mine" / "thumbnail.jpg").open("wb") as file:
        file.truncate(1 << 30)
    source = await resolve("bundle", "mine", [root])
    with pytest.raises(InvalidInput) as caught:
        await source.thumbnail()
    assert caught.value.reason == "BUNDLE_FILE_TOO_LARGE"
    assert "TUBELENS_BUNDLE_MAX_THUMBNAIL_MB" in caught.value.message


async def test_broken_parts_are_invalid_input_each_on_its_own(root: Path) -> None:
    (root / "mine" / "comments.jsonl").write_bytes(b'{"id": "a", "text": "\xff"}\n')
    (root / "mine" / "transcript.vtt").write_bytes(b"\x00\x01\x02 binary")
    source = await resolve("bundle", "mine", [root])
    for part in (source.comments, source.transcript):
        with pytest.raises(InvalidInput) as caught:
            await part()
        assert caught.value.reason == "BUNDLE_INVALID"
    assert await source.thumbnail() is None


async def test_a_linked_video_file_is_never_read_and_is_noted(root: Path, tmp_path: Path) -> None:
    elsewhere = shutil.copy(SAMPLES / "en-sourdough" / "thumbnail.jpg", tmp_path / "v.mp4")
    (root / "mine" / "video.mp4").symlink_to(elsewhere)
    source = await BundleSource.open(root / "mine")
    assert await source.video_digest(time_left=10.0) is None  # the video is optional
    report = source.report(("video",))
    assert "video.mp4: not a regular file" in report.notes[0] and report.partial
