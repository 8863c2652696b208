"""Bundles written on the fly, for the reader's tests; and small limits, so tests stay small."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tubelens.bundles import BundleLimits, ReadLimits
from tubelens.limits import InputLimits

MakeBundle = Callable[..., Path]


def write_bundle_files(directory: Path, files: dict[str, str | bytes | dict]) -> Path:
    """A bundle directory holding `files` (a dict is written as JSON); video.json defaults to
    the smallest valid header."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {"video.json": {"title": "t"}, **files}
    for name, content in files.items():
        if isinstance(content, dict):
            content = json.dumps(content)
        if isinstance(content, str):
            content = content.encode("utf-8")
        (directory / name).write_bytes(content)
    return directory


@pytest.fixture
def make_bundle(tmp_path: Path) -> MakeBundle:
    def make(name: str = "bundle", **files: str | bytes | dict) -> Path:
        # Keyword names cannot hold dots: video_json -> video.json, comments_jsonl -> ...
        named = {key.replace("_", ".", 1): value for key, value in files.items()}
        return write_bundle_files(tmp_path / "root" / name, named)

    return make


@pytest.fixture
def small_limits() -> ReadLimits:
    return ReadLimits(
        files=BundleLimits(
            max_metadata_kb=4,
            max_transcript_mb=1,
            max_comments_mb=1,
            max_comment_lines=5,
            max_thumbnail_mb=1,
            max_video_mb=1,
        ),
        inputs=InputLimits(comment_chars=50, cues=5, transcript_chars=200, text_field_chars=100),
    )
