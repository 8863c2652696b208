"""Offline bundles: a directory holding one video's metadata, transcript, comments and thumbnail.

The format is documented in the README ("Bundle format"). Loading turns files into domain types
and reports a broken bundle as InvalidInput naming the file and what is wrong with it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import webvtt

from tubelens.domain import Comment, Transcript, TranscriptCue, VideoMetadata
from tubelens.errors import InvalidInput, NotFound

METADATA_FILE = "video.json"
TRANSCRIPT_FILE = "transcript.vtt"
COMMENTS_FILE = "comments.jsonl"
THUMBNAIL_FILES = ("thumbnail.jpg", "thumbnail.jpeg", "thumbnail.png", "thumbnail.webp")
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


@dataclass(frozen=True, slots=True)
class Bundle:
    path: Path
    metadata: VideoMetadata
    transcript: Transcript | None
    comments: tuple[Comment, ...]
    thumbnail: bytes | None


def parse_iso_duration(text: str) -> float:
    """Seconds in an ISO 8601 duration as YouTube writes it ("PT1H2M3S", "P1DT2H")."""
    match = _ISO_DURATION.match(text.strip())
    if not match or text.strip() in {"P", "PT"}:
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    days, hours, minutes, seconds = (float(group or 0) for group in match.groups())
    return days * 86400 + hours * 3600 + minutes * 60 + seconds


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"time without a timezone: {text!r}")
    return moment


def require_bundle(path: Path) -> None:
    if not (path / METADATA_FILE).is_file():
        raise NotFound(
            f"{path} is not a bundle: it has no {METADATA_FILE}.", reason="BUNDLE_NOT_FOUND"
        )


def load_header(path: Path) -> tuple[VideoMetadata, str]:
    """The video's metadata and the transcript's language (defaulting to the video's)."""
    raw = _read_json(path / METADATA_FILE)
    try:
        metadata = VideoMetadata(
            video_id=str(raw.get("video_id", "")),
            title=str(raw["title"]),
            channel_title=str(raw.get("channel", "")),
            channel_id=str(raw.get("channel_id", "")),
            description=str(raw.get("description", "")),
            duration_seconds=parse_iso_duration(raw["duration"]) if raw.get("duration") else 0.0,
            published_at=parse_time(raw.get("published_at")),
            default_language=str(raw.get("default_language", "")),
            view_count=int(raw.get("view_count", 0)),
            like_count=int(raw.get("like_count", 0)),
            comment_count=int(raw.get("comment_count", 0)),
            tags=tuple(str(tag) for tag in raw.get("tags", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _broken(path / METADATA_FILE, exc) from exc
    return metadata, str(raw.get("transcript_language") or metadata.default_language)


def load_transcript(path: Path, language: str) -> Transcript | None:
    file = path / TRANSCRIPT_FILE
    if not file.is_file():
        return None
    try:
        cues = tuple(
            TranscriptCue(
                start=cue.start_in_seconds, end=cue.end_in_seconds, text=_one_line(cue.text)
            )
            for cue in webvtt.read(str(file))
            if cue.text.strip()
        )
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError) as exc:
        raise _broken(file, exc) from exc
    return Transcript(language=language, cues=cues)


def load_comments(path: Path) -> tuple[Comment, ...]:
    file = path / COMMENTS_FILE
    if not file.is_file():
        return ()
    comments = []
    with file.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                comments.append(
                    Comment(
                        id=str(raw["id"]),
                        text=str(raw["text"]),
                        author=str(raw.get("author", "")),
                        like_count=int(raw.get("like_count", 0)),
                        published_at=parse_time(raw.get("published_at")),
                        parent_id=str(raw.get("parent_id") or ""),
                    )
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise _broken(file, exc, line=number) from exc
    return tuple(comments)


def load_thumbnail(path: Path) -> bytes | None:
    for name in THUMBNAIL_FILES:
        if (path / name).is_file():
            return (path / name).read_bytes()
    return None


def load_bundle(path: Path) -> Bundle:
    """Reads a whole bundle; only video.json is required."""
    require_bundle(path)
    metadata, language = load_header(path)
    return Bundle(
        path=path,
        metadata=metadata,
        transcript=load_transcript(path, language),
        comments=load_comments(path),
        thumbnail=load_thumbnail(path),
    )


def _read_json(file: Path) -> dict:
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _broken(file, exc) from exc
    if not isinstance(raw, dict):
        raise InvalidInput(f"{file} must hold a JSON object.", reason="BUNDLE_INVALID")
    return raw


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _broken(file: Path, exc: Exception, line: int | None = None) -> InvalidInput:
    where = f"{file}, line {line}" if line else str(file)
    return InvalidInput(f"The bundle file {where} is invalid: {exc}", reason="BUNDLE_INVALID")
