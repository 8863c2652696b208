"""Property-based: whatever bytes or JSON a bundle file holds, reading it gives a valid bundle
or InvalidInput, never another exception; and whatever it accepts renders as proto3 JSON."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC
from pathlib import Path

from google.protobuf.json_format import MessageToJson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tubelens import bundles, convert
from tubelens.bundles import MAX_COUNT, MAX_VIDEO_SECONDS
from tubelens.domain import Comment, Transcript, TranscriptCue, VideoMetadata
from tubelens.errors import InvalidInput

from .conftest import write_bundle_files

HOURS_10_DIGITS = 9_999_999_999 * 3_600_000  # milliseconds in the longest WebVTT time
FILES = ("video.json", "transcript.vtt", "comments.jsonl", "thumbnail.jpg")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
# Objects with the bundle's own keys, so the schema's checks are met and not just skipped.
HEADER_KEYS = ("title", "duration", "published_at", "view_count", "tags", "transcript_language")
COMMENT_KEYS = ("id", "text", "like_count", "published_at", "parent_id", "author")
odd_strings = st.sampled_from(
    [
        "PT1M",
        "P99999999999999D",
        "P30DT1S",
        "2026-03-14T15:00:00Z",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
        "",
        "PT",
        "x",
    ]
)
field_values = json_values | odd_strings | st.integers(min_value=-(2**70), max_value=2**70)


def objects_with(keys: tuple[str, ...]) -> st.SearchStrategy[dict]:
    return st.dictionaries(st.sampled_from(keys), field_values, max_size=len(keys))


def read_all(files: dict[str, bytes]) -> bundles.Bundle | None:
    """The bundle read from `files`, or None if it was refused as InvalidInput; anything else
    escapes and fails the test. An accepted bundle must also render as proto3 JSON."""
    with tempfile.TemporaryDirectory() as directory:
        bundle_dir = write_bundle_files(Path(directory) / "b", files)
        try:
            bundle = bundles.load_bundle(bundle_dir)
        except InvalidInput:
            return None
    MessageToJson(convert.metadata_to_proto(bundle.metadata))
    for comment in bundle.comments:
        MessageToJson(convert.comment_to_proto(comment))
    if bundle.transcript is not None:
        MessageToJson(convert.transcript_to_proto(bundle.transcript))
    return bundle


@SETTINGS
@given(name=st.sampled_from(FILES), content=st.binary(max_size=2000))
def test_random_bytes_in_any_file(name: str, content: bytes) -> None:
    read_all({name: content})


@SETTINGS
@given(name=st.sampled_from(FILES), content=st.text(max_size=500))
def test_random_text_in_any_file(name: str, content: str) -> None:
    read_all({name: content.encode("utf-8", "surrogatepass")})


@SETTINGS
@given(header=json_values | objects_with(HEADER_KEYS))
def test_random_json_as_video_json(header: object) -> None:
    read_all({"video.json": json.dumps(header).encode()})


@SETTINGS
@given(lines=st.lists(json_values | objects_with(COMMENT_KEYS), max_size=5))
def test_random_json_lines_as_comments(lines: list[object]) -> None:
    text = "\n".join(json.dumps(line) for line in lines)
    read_all({"comments.jsonl": text.encode()})


times = st.integers(0, HOURS_10_DIGITS)


@SETTINGS
@given(cues=st.lists(st.tuples(times, times, st.text(max_size=30)), max_size=5))
def test_random_cues_as_transcript(cues: list[tuple[int, int, str]]) -> None:
    def stamp(ms: int) -> str:
        hours, minutes, seconds = ms // 3_600_000, ms // 60_000 % 60, ms // 1000 % 60
        return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms % 1000:03d}"

    blocks = [f"{stamp(start)} --> {stamp(end)}\n{text}" for start, end, text in cues]
    text = "WEBVTT\n\n" + "\n\n".join(blocks)
    read_all({"transcript.vtt": text.encode("utf-8", "surrogatepass")})


# What `tubelens fetch` writes comes from YouTube, within its own limits; the reader must take
# every such bundle back unchanged.
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
moments = st.datetimes(timezones=st.just(UTC)) | st.none()
counts = st.integers(0, MAX_COUNT)
cue_texts = (
    st.text(st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="<>-"), min_size=1)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@st.composite
def videos(draw: st.DrawFn) -> tuple[VideoMetadata, Transcript | None, tuple[Comment, ...]]:
    metadata = VideoMetadata(
        video_id=draw(texts),
        title=draw(texts),
        channel_title=draw(texts),
        description=draw(texts),
        duration_seconds=draw(st.integers(0, MAX_VIDEO_SECONDS)),
        published_at=draw(moments),
        default_language=draw(texts),
        view_count=draw(counts),
        like_count=draw(counts),
        comment_count=draw(counts),
        tags=tuple(draw(st.lists(texts, max_size=5))),
    )
    starts = sorted(draw(st.lists(st.integers(0, MAX_VIDEO_SECONDS - 10), max_size=4)))
    cues = tuple(TranscriptCue(s, s + draw(st.integers(0, 10)), draw(cue_texts)) for s in starts)
    transcript = Transcript(draw(texts), cues) if cues else None
    comments = tuple(
        Comment(
            id=f"c{n}",
            text=draw(texts),
            author=draw(texts),
            like_count=draw(counts),
            published_at=draw(moments),
        )
        for n in range(draw(st.integers(0, 3)))
    )
    return metadata, transcript, comments


@SETTINGS
@given(video=videos(), thumbnail=st.binary(max_size=64))
def test_written_bundles_read_back_unchanged(
    video: tuple[VideoMetadata, Transcript | None, tuple[Comment, ...]], thumbnail: bytes
) -> None:
    metadata, transcript, comments = video
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "b"
        bundles.write_bundle(path, metadata, transcript, comments, thumbnail)
        bundle = bundles.load_bundle(path)
    assert bundle.metadata == metadata
    assert bundle.comments == comments
    # A transcript without a language of its own is read as the video's.
    language = (transcript.language or metadata.default_language) if transcript else ""
    assert bundle.transcript == (Transcript(language, transcript.cues) if transcript else None)
    assert bundle.thumbnail == (thumbnail or None)
