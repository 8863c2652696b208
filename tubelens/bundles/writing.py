"""Writing a bundle (`tubelens fetch`), in exactly the form reading.py accepts."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from tubelens.bundles.files import COMMENTS_FILE, METADATA_FILE, TRANSCRIPT_FILE
from tubelens.domain import Comment, Transcript, VideoMetadata


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
    # One line of text a cue, and no arrow in it: a line break or an arrow would start a cue.
    blocks = [
        f"{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}\n"
        + " ".join(cue.text.split()).replace("-->", "->")
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
