"""Sentence frames in the languages the local engine writes: English and Korean.

Only the frames are fixed text; every figure, topic and quote put into them comes from the data.
Other languages get the English frames (the engine says so in the summary's notes).
"""

from __future__ import annotations

FRAME_LANGUAGES = ("en", "ko")
QUOTE_CHARS = 120


def frame_language(language: str) -> str:
    """ "ko-KR" -> "ko"; anything without frames of its own -> "en"."""
    primary = language.split("-")[0].split("_")[0].lower()
    return primary if primary in FRAME_LANGUAGES else "en"


def join_words(words: list[str], language: str) -> str:
    """ "a, b and c" in English; "a, b, c" in Korean, which joins lists with commas alone."""
    if frame_language(language) == "ko" or len(words) < 2:
        return ", ".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """At most `limit` characters, cut at a word boundary and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    return f"“{shorten(text, limit)}”"


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
