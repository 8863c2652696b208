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
VIDEO_FILES = ("video.mp4", "video.webm", "video.mov", "video.mkv")  # optional
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


@dataclass(frozen=True, slots=True)
class Bundle:
    path: Path
    metadata: VideoMetadata
    transcript: Transcript | None
    comments: tuple[Comment, ...]
    thumbnail: bytes | None
    video: Path | None = None  # the video file itself, when the bundle carries one


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


def find_video(path: Path) -> Path | None:
    """The bundle's video file (read later, frame by frame; never loaded whole)."""
    return next((path / name for name in VIDEO_FILES if (path / name).is_file()), None)


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
        video=find_video(path),
    )


def write_bundle(
    path: Path,
    metadata: VideoMetadata,
    transcript: Transcript | None,
    comments: tuple[Comment, ...],
    thumbnail: bytes | None,
) -> list[Path]:
    """Writes a bundle load_bundle reads back unchanged; returns the files written."""
    path.mkdir(parents=True, exist_ok=True)
    header = {
        "video_id": metadata.video_id,
        "title": metadata.title,
        "channel": metadata.channel_title,
        "channel_id": metadata.channel_id,
        "description": metadata.description,
        "duration": format_iso_duration(metadata.duration_seconds),
        "published_at": _time_text(metadata.published_at),
        "default_language": metadata.default_language,
        "transcript_language": transcript.language if transcript else "",
        "view_count": metadata.view_count,
        "like_count": metadata.like_count,
        "comment_count": metadata.comment_count,
        "tags": list(metadata.tags),
    }
    files = {METADATA_FILE: json.dumps(header, ensure_ascii=False, indent=2) + "\n"}
    if transcript is not None and transcript.cues:
        files[TRANSCRIPT_FILE] = _vtt(transcript)
    if comments:
        files[COMMENTS_FILE] = "".join(_comment_line(c) for c in comments)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    written = [path / name for name in files]
    if thumbnail:
        written.append(path / _thumbnail_name(thumbnail))
        written[-1].write_bytes(thumbnail)
    return written


def format_iso_duration(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = "".join(f"{v}{u}" for v, u in ((hours, "H"), (minutes, "M"), (secs, "S")) if v)
    return f"PT{text or '0S'}"


def _time_text(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def _vtt(transcript: Transcript) -> str:
    blocks = [
        f"{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}\n{cue.text.replace('-->', '->')}"
        for cue in transcript.cues
    ]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _comment_line(comment: Comment) -> str:
    record = {
        "id": comment.id,
        "author": comment.author,
        "text": comment.text,
        "like_count": comment.like_count,
        "published_at": _time_text(comment.published_at),
        "parent_id": comment.parent_id or None,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def _thumbnail_name(image: bytes) -> str:
    if image.startswith(b"\x89PNG"):
        return "thumbnail.png"
    if image[:4] == b"RIFF" and image[8:12] == b"WEBP":
        return "thumbnail.webp"
    return "thumbnail.jpg"


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
