"""Files inside a bundle are opened without following links, only when regular, and bounded
before a byte is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tubelens import bundles
from tubelens.bundles import FileLimit, ReadLimits, open_bundle_file, read_bundle_file
from tubelens.errors import InvalidInput, Unavailable

from .conftest import MakeBundle

TINY = FileLimit(max_bytes=100, setting="TUBELENS_BUNDLE_MAX_TEST_MB", shown="100 bytes")


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as file:
        file.truncate(size)  # takes no disk space and no memory
    return path


def test_a_transcript_linked_to_a_file_elsewhere_is_not_read(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.vtt"
    secret.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nthe secret\n")
    bundle = make_bundle()
    (bundle / "transcript.vtt").symlink_to(secret)
    with pytest.raises(InvalidInput) as caught:
        bundles.load_transcript(bundle, "en")
    assert caught.value.reason == "BUNDLE_INVALID"
    assert "transcript.vtt" in caught.value.message and "secret" not in caught.value.message
    assert str(tmp_path) not in caught.value.message


def test_a_linked_video_json_is_not_read(make_bundle: MakeBundle) -> None:
    bundle = make_bundle()
    (bundle / "video.json").unlink()
    (bundle / "video.json").symlink_to(SAMPLES / "en-sourdough" / "video.json")
    with pytest.raises(InvalidInput):
        bundles.load_header(bundle)


def test_a_sparse_1_gib_thumbnail_is_refused_by_its_size(make_bundle: MakeBundle) -> None:
    bundle = make_bundle()
    sparse(bundle / "thumbnail.jpg", 1 << 30)
    with pytest.raises(InvalidInput) as caught:
        bundles.load_thumbnail(bundle)
    error = caught.value
    assert error.reason == "BUNDLE_FILE_TOO_LARGE"
    assert "thumbnail.jpg" in error.message and "1,073,741,824 bytes" in error.message
    assert "8 MiB" in error.message and "TUBELENS_BUNDLE_MAX_THUMBNAIL_MB" in error.message
    assert str(bundle) not in error.message


def test_a_file_at_its_limit_is_read_and_one_byte_more_is_not(make_bundle: MakeBundle) -> None:
    bundle = make_bundle(thumbnail_jpg=b"x" * 100)
    assert read_bundle_file(bundle, "thumbnail.jpg", TINY) == b"x" * 100
    (bundle / "thumbnail.jpg").write_bytes(b"x" * 101)
    with pytest.raises(InvalidInput, match="101 bytes; at most 100 bytes"):
        read_bundle_file(bundle, "thumbnail.jpg", TINY)


def test_a_file_that_grows_after_fstat_is_read_only_to_the_limit(
    make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = make_bundle(thumbnail_jpg=b"x" * 10_000)
    real_fstat = os.fstat

    class Shrunk:  # fstat as it was before the file grew
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(bundles.files.os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    read = []
    real_open = open

    def counting_open(*args, **kwargs):
        file = real_open(*args, **kwargs)
        original = file.read
        file.read = lambda n=-1: read.append(len(chunk := original(n))) or chunk
        return file

    monkeypatch.setattr(bundles.files, "open", counting_open, raising=False)
    with pytest.raises(InvalidInput, match="grew while being read"):
        read_bundle_file(bundle, "thumbnail.jpg", TINY)
    assert sum(read) == TINY.max_bytes + 1


@pytest.mark.timeout(10)
def test_a_pipe_is_refused_without_blocking(make_bundle: MakeBundle) -> None:
    bundle = make_bundle()
    os.mkfifo(bundle / "comments.jsonl")  # nobody writes: a blocking open would hang here
    with pytest.raises(InvalidInput, match="not a regular file"):
        bundles.load_comments(bundle)


def test_a_directory_in_place_of_a_file_is_refused(make_bundle: MakeBundle) -> None:
    bundle = make_bundle()
    (bundle / "thumbnail.jpg").mkdir()
    with pytest.raises(InvalidInput, match="not a regular file"):
        bundles.load_thumbnail(bundle)


def test_absent_optional_files_are_none(make_bundle: MakeBundle) -> None:
    bundle = make_bundle()
    assert bundles.load_transcript(bundle, "en") is None
    assert bundles.load_comments(bundle) == ()
    assert bundles.load_thumbnail(bundle) is None
    assert bundles.find_video(bundle) is None


def test_only_bundle_file_names_can_be_opened(make_bundle: MakeBundle) -> None:
    with pytest.raises(ValueError):
        open_bundle_file(make_bundle(), "../../etc/passwd", TINY)


def test_the_video_is_found_only_as_a_regular_file_within_its_limit(
    make_bundle: MakeBundle, small_limits: ReadLimits, tmp_path: Path
) -> None:
    bundle = make_bundle(video_mp4=b"\x00" * 1000)
    assert bundles.find_video(bundle, small_limits) == bundle / "video.mp4"

    sparse(bundle / "video.mp4", (1 << 20) + 1)  # small_limits allow 1 MiB
    with pytest.raises(InvalidInput) as caught:
        bundles.find_video(bundle, small_limits)
    assert caught.value.reason == "BUNDLE_FILE_TOO_LARGE"
    assert "TUBELENS_BUNDLE_MAX_VIDEO_MB" in caught.value.message

    (bundle / "video.mp4").unlink()
    (bundle / "video.mp4").symlink_to(sparse(tmp_path / "elsewhere.mp4", 10))
    with pytest.raises(InvalidInput, match="not a regular file"):
        bundles.find_video(bundle, small_limits)


def test_open_bundle_file_hands_over_a_readable_file(make_bundle: MakeBundle) -> None:
    bundle = make_bundle(video_mp4=b"frames")
    file = open_bundle_file(bundle, "video.mp4", TINY)
    assert file is not None
    with file:
        assert file.read() == b"frames"


@pytest.mark.parametrize(
    ("error", "kind", "reason"),
    [
        (PermissionError(13, "Permission denied", "/srv/x"), InvalidInput, "BUNDLE_INVALID"),
        (OSError(24, "Too many open files", "/srv/x"), Unavailable, "BUNDLE_UNREADABLE"),
    ],
)
def test_an_unreadable_file_is_a_domain_error_without_its_path(
    make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch, error: OSError, kind, reason
) -> None:
    bundle = make_bundle(thumbnail_jpg=b"x")
    real_open = os.open

    def failing_open(path, flags, *args, **kwargs):
        if path == "thumbnail.jpg":
            raise error
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(bundles.files.os, "open", failing_open)
    with pytest.raises(kind) as caught:
        bundles.load_thumbnail(bundle)
    assert caught.value.reason == reason
    assert "thumbnail.jpg" in caught.value.message and "/srv" not in caught.value.message
