"""Find the Nanum fonts (Hangul + Latin) and drop characters they cannot draw."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from tubelens.errors import FailedPrecondition

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/nanum"),  # Debian/Ubuntu: apt-get install fonts-nanum
    Path("/usr/share/fonts/nanum"),
    Path("/usr/local/share/fonts"),
)
REGULAR, BOLD = "NanumGothic.ttf", "NanumGothicBold.ttf"

_loaded = threading.local()


@lru_cache(maxsize=4)
def font_path(name: str) -> Path:
    """Path of a Nanum font file, or FailedPrecondition naming the package to install."""
    for directory in FONT_DIRS:
        if directory.is_dir():
            found = next(iter(sorted(directory.rglob(name))), None)
            if found:
                return found
    searched = ", ".join(str(d) for d in FONT_DIRS)
    raise FailedPrecondition(
        f"The font {name} was not found in {searched}; install the Debian package "
        "fonts-nanum (apt-get install fonts-nanum).",
        reason="FONT_MISSING",
    )


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """A loaded font, cached per thread: FreeType faces must not be shared across threads."""
    cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = _loaded.__dict__.setdefault("fonts", {})
    if (name, size) not in cache:
        cache[(name, size)] = ImageFont.truetype(str(font_path(name)), size)
    return cache[(name, size)]


def drawable(text: str, name: str = REGULAR) -> tuple[str, int]:
    """`text` without the characters the font lacks (emoji, rare scripts), and how many went."""
    kept = [ch for ch in text if ch.isspace() or _has_glyph(name, ch)]
    return "".join(kept), len(text) - len(kept)


@lru_cache(maxsize=4096)
def _has_glyph(name: str, char: str) -> bool:
    # A missing glyph renders as the font's "notdef" box; a noncharacter always does.
    probe = font(name, 24)
    return bytes(probe.getmask(char)) != _notdef(name)


@lru_cache(maxsize=4)
def _notdef(name: str) -> bytes:
    return bytes(font(name, 24).getmask("\uffff"))
