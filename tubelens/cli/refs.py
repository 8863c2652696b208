"""How the CLI reads a video reference and talks to the gateway."""

from __future__ import annotations

from pathlib import Path

from tubelens.v1 import gateway_pb2

TASK_NAMES = {
    "summary": gateway_pb2.TASK_SUMMARY,
    "comments": gateway_pb2.TASK_COMMENTS,
    "thumbnail": gateway_pb2.TASK_THUMBNAIL,
}


def video_ref(reference: str) -> gateway_pb2.VideoRef:
    """A link (or anything with a scheme or youtube in it) is a URL; a directory on this machine
    is sent as its absolute path (the gateway reads it only if it lies inside one of its
    TUBELENS_BUNDLE_ROOTS); anything else is a sample name for the gateway to look up."""
    text = reference.strip()
    lowered = text.lower()
    if "://" in lowered or "youtu" in lowered:
        return gateway_pb2.VideoRef(url=text)
    local = _local_directory(text)
    return gateway_pb2.VideoRef(bundle=str(local) if local else text)


def _local_directory(text: str) -> Path | None:
    """`text` as an absolute directory on this machine, or None (an over-long name or a NUL
    byte is no directory: the gateway answers for it)."""
    try:
        path = Path(text).expanduser()
        return path.resolve() if path.is_dir() else None
    except (OSError, RuntimeError, ValueError):
        return None


def format_offset(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
