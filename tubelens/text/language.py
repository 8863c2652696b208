"""Which language a short text is in: by script first, then by frequent words for Latin script.

Comments are short and noisy, so this is a vote over characters and a few marker words,
not a statistical model. Too little evidence gives "und" (undetermined, BCP-47).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from tubelens.text._data import tsv_pairs

UNDETERMINED = "und"
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Letters that only some Latin-script languages use; each adds one vote.
_DIACRITIC_HINTS = {
    "ñ": "es",
    "¿": "es",
    "¡": "es",
    "ã": "pt",
    "õ": "pt",
    "ß": "de",
    "ä": "de",
    "ö": "de",
    "ü": "de",
    "è": "fr",
    "ê": "fr",
    "ç": "fr",
    "ğ": "tr",
    "ş": "tr",
    "ı": "tr",
    "ư": "vi",
    "ơ": "vi",
    "đ": "vi",
}


def _script(char: str) -> str | None:
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic"
    if 0x0600 <= code <= 0x06FF:
        return "arabic"
    if 0x0900 <= code <= 0x097F:
        return "devanagari"
    if 0x0E00 <= code <= 0x0E7F:
        return "thai"
    if 0x0370 <= code <= 0x03FF:
        return "greek"
    if 0x0590 <= code <= 0x05FF:
        return "hebrew"
    if char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
        return "latin"
    return None


@cache
def _markers() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words.split()) for lang, words in tsv_pairs("language_markers.tsv")}


def _latin_language(text: str) -> str:
    words = _LATIN_WORD.findall(text.lower())
    votes = {
        lang: float(sum(word in markers for word in words)) for lang, markers in _markers().items()
    }
    for char in text.lower():
        if char in _DIACRITIC_HINTS:
            votes[_DIACRITIC_HINTS[char]] += 0.5
    best = max(votes, key=lambda lang: (votes[lang], lang == "en"))
    # No marker at all: English is by far the most common Latin-script language in comments.
    return best if votes[best] > 0 else "en"


_DENSITY = {"hangul": 2.5, "kana": 2.0, "han": 2.5}
_SCRIPT_LANGUAGE = {
    "hangul": "ko",
    "kana": "ja",
    "han": "zh",
    "cyrillic": "ru",
    "arabic": "ar",
    "devanagari": "hi",
    "thai": "th",
    "greek": "el",
    "hebrew": "he",
}


def detect_language(text: str) -> str:
    """BCP-47 code of the text's language, or "und" when there is too little to tell."""
    counts: dict[str, float] = {}
    for char in text:
        script = _script(char)
        if script:
            counts[script] = counts.get(script, 0) + 1
    if sum(counts.values()) < 2:
        return UNDETERMINED
    # One Hangul syllable or CJK character carries about as much as a short Latin word.
    weighted = {script: count * _DENSITY.get(script, 1.0) for script, count in counts.items()}
    if counts.get("kana", 0) >= 1:
        # Japanese writes Han (kanji) next to kana, so both count for Japanese.
        weighted["kana"] += weighted.pop("han", 0.0)
    dominant = max(weighted, key=lambda script: weighted[script])
    if dominant == "latin":
        return _latin_language(text) if counts["latin"] >= 3 else UNDETERMINED
    return _SCRIPT_LANGUAGE.get(dominant, UNDETERMINED)
