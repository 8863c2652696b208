"""Sentiment carried by emoji and emoticons, which mean the same in every language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from tubelens.text._data import tsv_pairs

CRY = "@cry"
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_VARIATION_SELECTORS = str.maketrans("", "", "\ufe0e\ufe0f")


@dataclass(frozen=True, slots=True)
class EmojiSignals:
    valence: float  # sum over the fixed-valence symbols found
    tears: int  # runs of crying symbols, to be read in context by the caller

    @property
    def found(self) -> bool:
        return self.valence != 0 or self.tears > 0


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    patterns = []
    for symbol, value in sorted(tsv_pairs("emoji_sentiment.tsv"), key=lambda row: -len(row[0])):
        # A run of one symbol is one signal; ASCII emoticons must stand apart from words
        # so "12:30" or "http://" never read as faces.
        run = f"(?:{re.escape(symbol)})+"
        if symbol.isascii():
            run = rf"(?<![\w:;=^<>-]){run}(?![\w])"
        patterns.append((symbol, re.compile(run), value))
    return tuple(patterns)


# The English lexicon reads a batch's texts before the features do (labels.py reads 2,048 at
# a time): a cache that large computes each text's signals once.
@lru_cache(maxsize=4096)
def emoji_signals(text: str) -> EmojiSignals:
    """Valence of the emoji and emoticons in the text (links ignored)."""
    remaining = _URL.sub(" ", text).translate(_VARIATION_SELECTORS)
    valence, tears = 0.0, 0
    for symbol, pattern, value in _patterns():
        if symbol not in remaining:
            continue  # every match holds the symbol; `in` is far cheaper than a search
        hits = len(pattern.findall(remaining))
        if not hits:
            continue
        remaining = pattern.sub(" ", remaining)  # so ":-(" is not counted again as ":("
        if value == CRY:
            tears += hits
        else:
            valence += float(value) * min(hits, 3) ** 0.5  # more faces, a little more weight
    return EmojiSignals(valence=valence, tears=tears)
