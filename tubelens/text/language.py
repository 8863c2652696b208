"""Which language a short text is in: by script first, then by frequent words for Latin script.

Comments are short and noisy, so this is a vote over characters and a few marker words,
not a statistical model. Too little evidence gives "und" (undetermined, BCP-47).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache

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


@lru_cache(maxsize=8192)  # a text repeats its characters: each is classified once
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


@cache
def _marker_languages() -> dict[str, tuple[str, ...]]:
    """Each marker word's languages: a text's words are looked up once, not once a language."""
    languages: dict[str, list[str]] = {}
    for lang, markers in _markers().items():
        for word in markers:
            languages.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in languages.items()}


def _latin_language(text: str) -> str:
    lowered = text.lower()
    votes = dict.fromkeys(_markers(), 0.0)
    marker_languages = _marker_languages()
    for word in _LATIN_WORD.findall(lowered):
        for lang in marker_languages.get(word, ()):
            votes[lang] += 1.0
    hints = () if lowered.isascii() else _DIACRITIC_HINTS.items()  # the hints are not ASCII
    for char, lang in hints:
        if char in lowered:  # halves sum exactly, so adding them at once changes nothing
            votes[lang] += 0.5 * lowered.count(char)
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
    if text.isascii():  # the common case: its only script is Latin, its letters
        letters = sum(map(str.isalpha, text))
        return _latin_language(text) if letters >= 3 else UNDETERMINED
    counts: dict[str, float] = {}
    # Distinct characters in order of first use: scripts enter `counts` in the same order as
    # when read one character at a time (ties in `max` below go to the first).
    for char, times in Counter(text).items():
        script = _script(char)
        if script:
            counts[script] = counts.get(script, 0) + times
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
