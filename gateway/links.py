"""YouTube links -> the 11-character video id. Anything else is refused with a clear message."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from tubelens.errors import InvalidInput

_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
_PATH_PREFIXES = ("shorts", "embed", "live", "v", "e")
EXPECTED = (
    "Expected a YouTube video link such as https://www.youtube.com/watch?v=VIDEO_ID, "
    "https://youtu.be/VIDEO_ID, https://www.youtube.com/shorts/VIDEO_ID, or a bare "
    "11-character video id."
)


def is_video_id(text: str) -> bool:
    return bool(_VIDEO_ID.match(text))


def parse_video_id(link: str) -> str:
    """The video id in `link`; raises InvalidInput naming what was expected."""
    text = link.strip()
    if is_video_id(text):
        return text
    if len(text) > 2048 or any(ch.isspace() for ch in text):
        raise _invalid(link)
    if "://" not in text:
        text = "https://" + text  # "youtu.be/ID" and "www.youtube.com/watch?v=ID" as typed
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        _ = parts.port  # raises ValueError on a malformed port
    except ValueError:
        raise _invalid(link) from None
    if parts.scheme not in {"http", "https"} or parts.username or parts.password:
        raise _invalid(link)
    segments = [segment for segment in parts.path.split("/") if segment]
    candidate = ""
    if host in _SHORT_HOSTS and len(segments) == 1:
        candidate = segments[0]
    elif host in _HOSTS:
        if segments == ["watch"]:
            values = parse_qs(parts.query).get("v", [])
            candidate = values[0] if len(values) == 1 else ""
        elif len(segments) == 2 and segments[0] in _PATH_PREFIXES:
            candidate = segments[1]
    if not is_video_id(candidate):
        raise _invalid(link)
    return candidate


def _invalid(link: str) -> InvalidInput:
    shown = link if len(link) <= 80 else link[:77] + "..."
    return InvalidInput(
        f"{shown!r} is not a YouTube video link. {EXPECTED}", reason="INVALID_VIDEO_LINK"
    )
