"""Reading a bundle into domain types. Each file is bounded before it is read (files.py) and
checked against its schema (schema.py); anything wrong is InvalidInput naming the file, line
and field (records.py). Only video.json is required."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tubelens.bundles import problems, records
from tubelens.bundles.files import (
    COMMENTS_FILE,
    METADATA_FILE,
    THUMBNAIL_FILES,
    TRANSCRIPT_FILE,
    find_video,
    read_bundle_file,
)
from tubelens.bundles.schema import CommentLine, VideoFile, parse_iso_duration, parse_time
from tubelens.bundles.settings import MIB, ReadLimits, default_limits
from tubelens.bundles.text import bundle_lines, decode_text
from tubelens.bundles.transcript import parse_transcript
from tubelens.domain import Comment, Transcript, VideoMetadata
from tubelens.errors import NotFound
from tubelens.settings import ENV_PREFIX

# A comment at TUBELENS_LIMIT_COMMENT_CHARS written in \u escapes takes about 120 KB. Parsing
# a JSON line can hold ~16 times its size, so a line is bounded well below the file's limit.
MAX_COMMENT_LINE_BYTES = MIB


@dataclass(frozen=True, slots=True)
class Bundle:
    path: Path
    metadata: VideoMetadata
    transcript: Transcript | None
    comments: tuple[Comment, ...]
    thumbnail: bytes | None
    video: Path | None = None  # the video file itself, when the bundle carries one


def load_bundle(path: Path, limits: ReadLimits | None = None) -> Bundle:
    """Reads a whole bundle."""
    metadata, language = load_header(path, limits)
    return Bundle(
        path=path,
        metadata=metadata,
        transcript=load_transcript(path, language, limits),
        comments=load_comments(path, limits),
        thumbnail=load_thumbnail(path, limits),
        video=find_video(path, limits),
    )


def load_header(path: Path, limits: ReadLimits | None = None) -> tuple[VideoMetadata, str]:
    """The video's metadata and the transcript's language (defaulting to the video's)."""
    limits = limits or default_limits()
    data = read_bundle_file(path, METADATA_FILE, limits.files.metadata)
    if data is None:
        raise NotFound(
            f"That directory is not a bundle: it has no {METADATA_FILE}.",
            reason=problems.NOT_FOUND,
        )
    raw = records.validated(VideoFile, METADATA_FILE, decode_text(METADATA_FILE, data), None)
    records.check_texts(raw, METADATA_FILE, None, limits.inputs.text_field_chars)
    parsed = partial(records.parsed_field, file=METADATA_FILE, line=None)
    metadata = VideoMetadata(
        video_id=raw.video_id,
        title=raw.title,
        channel_title=raw.channel,
        channel_id=raw.channel_id,
        description=raw.description,
        duration_seconds=parsed(raw, "duration", parse_iso_duration) or 0.0,
        published_at=parsed(raw, "published_at", parse_time),
        default_language=raw.default_language,
        view_count=raw.view_count,
        like_count=raw.like_count,
        comment_count=raw.comment_count,
        tags=tuple(raw.tags),
    )
    return metadata, raw.transcript_language or metadata.default_language


def load_transcript(
    path: Path, language: str, limits: ReadLimits | None = None
) -> Transcript | None:
    limits = limits or default_limits()
    data = read_bundle_file(path, TRANSCRIPT_FILE, limits.files.transcript)
    return None if data is None else parse_transcript(data, language, limits.inputs)


def load_comments(path: Path, limits: ReadLimits | None = None) -> tuple[Comment, ...]:
    """Every comment in comments.jsonl: one JSON object a line, blank lines skipped."""
    limits = limits or default_limits()
    most, chars = limits.files.max_comment_lines, limits.inputs.comment_chars
    lines = bundle_lines(path, COMMENTS_FILE, limits.files.comments, MAX_COMMENT_LINE_BYTES)
    comments: list[Comment] = []
    for number, line in lines:
        if not line.strip():
            continue
        if len(comments) == most:
            raise problems.over_limit(
                COMMENTS_FILE,
                f"more than {most:,} comments",
                most,
                f"{ENV_PREFIX}BUNDLE_MAX_COMMENT_LINES",
                line=number,
            )
        raw = records.validated(CommentLine, COMMENTS_FILE, line, number)
        records.check_texts(raw, COMMENTS_FILE, number, limits.inputs.text_field_chars)
        if len(raw.text) > chars:
            raise problems.over_limit(
                COMMENTS_FILE,
                f"a comment of {len(raw.text):,} characters",
                chars,
                f"{ENV_PREFIX}LIMIT_COMMENT_CHARS",
                line=number,
            )
        published = records.parsed_field(
            raw, "published_at", parse_time, file=COMMENTS_FILE, line=number
        )
        comments.append(
            Comment(
                id=raw.id,
                text=raw.text,
                author=raw.author,
                like_count=raw.like_count,
                published_at=published,
                parent_id=raw.parent_id or "",
            )
        )
    return tuple(comments)


def load_thumbnail(path: Path, limits: ReadLimits | None = None) -> bytes | None:
    """The first thumbnail file present, as bytes (the thumbnail service decodes it)."""
    limits = limits or default_limits()
    for name in THUMBNAIL_FILES:
        data = read_bundle_file(path, name, limits.files.thumbnail)
        if data is not None:
            return data
    return None
