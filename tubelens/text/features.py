"""Hashed text features shared by training (scripts/train_text_models.py) and prediction.

A text becomes a sparse vector of hashed feature counts: character n-grams inside each word
(with word boundaries), whole words, word pairs with negation scope marked, and chat markers
(laughter, tears, "!!!", "lol", emoji valence). A FeatureSet adds, for Korean, character
n-grams that cross a space (so "안 좋" and "재미 없" are seen together) and kiwipiepy morphemes
with their tags (so 안/MA and 않/VX are features whatever the spacing). Hashing with CRC-32 is
stable across runs and machines, so the committed weights need no vocabulary file; each model
stores the inverse document frequency of every bucket beside its weights.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np

from tubelens.text.emoji import emoji_signals
from tubelens.text.morphology import tagged_morphemes

HASH_BITS = 20
DIMENSIONS = 1 << HASH_BITS
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
# "soooo", "ㅋㅋㅋㅋㅋ", "!!!!!" read as their two-letter form: the length varies freely.
_REPEATS = re.compile(r"(.)\1{2,}")
_EN_NEGATORS = frozenset(
    re.findall(r"\S+", "not no never nothing nobody none nor cannot without hardly barely n't")
)
_CLAUSE_END = re.compile(r"[.,;:!?]")
# Chat markers read the same in every language; each becomes one named feature.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("laugh", re.compile(r"[ㅋㅎ]{2,}|\b(?:lol|lmao|rofl|haha\w*)\b", re.IGNORECASE)),
    ("tears", re.compile(r"[ㅠㅜ]{2,}")),
    ("bang3", re.compile(r"!{3,}")),
    ("bang", re.compile(r"!")),
    ("ask", re.compile(r"\?")),
    ("dots", re.compile(r"\.{2,}|…")),
    ("semis", re.compile(r";;+")),
    ("tilde", re.compile(r"~")),
    ("caps", re.compile(r"\b[A-Z]{3,}\b")),
)


@dataclass(frozen=True)
class FeatureSet:
    """Which feature families a model reads (stored with its weights)."""

    char_range: tuple[int, int] = (1, 4)  # n-gram sizes inside words; (0, 0) for none
    cross_range: tuple[int, int] = (0, 0)  # sizes of n-grams that span a space; (0, 0): none
    morphemes: bool = False  # kiwipiepy form/tag unigrams and bigrams (Korean)
    char_words: bool = True  # whole words from the character tokeniser ("w:")

    def as_array(self) -> np.ndarray:
        return np.array([*self.char_range, *self.cross_range, self.morphemes, self.char_words])

    @classmethod
    def from_array(cls, values: np.ndarray) -> FeatureSet:
        low, high, cross_low, cross_high, morphemes, char_words = (int(v) for v in values)
        return cls((low, high), (cross_low, cross_high), bool(morphemes), bool(char_words))


def _bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (DIMENSIONS - 1)


def _char_grams(word: str, low: int, high: int) -> Iterable[str]:
    padded = f"<{word}>"
    for size in range(low, high + 1):
        for start in range(len(padded) - size + 1):
            yield "c:" + padded[start : start + size]


def _english_words(text: str) -> list[str]:
    """Lowercase words; those after a negator up to the clause end carry a NOT_ mark."""
    words: list[str] = []
    negated = False
    for piece in re.findall(r"[a-z']+|[.,;:!?]", text.lower().replace("’", "'")):
        if _CLAUSE_END.fullmatch(piece):
            negated = False
            continue
        words.append(("NOT_" + piece) if negated else piece)
        if piece in _EN_NEGATORS or piece.endswith("n't"):
            negated = True
    return words


def _cross_grams(lowered: str, low: int, high: int) -> Iterable[str]:
    """Character n-grams that contain a space: the pieces of one phrase split by spacing."""
    joined = " ".join(lowered.split())
    for size in range(low, high + 1):
        for start in range(len(joined) - size + 1):
            gram = joined[start : start + size]
            if " " in gram.strip():
                yield "x:" + gram


def feature_names(text: str, features: FeatureSet = FeatureSet()) -> Counter[str]:
    """The named features of one text (before hashing), with their counts."""
    names: Counter[str] = Counter()
    cleaned = _URL.sub(" url ", text)
    lowered = _REPEATS.sub(r"\1\1", cleaned.lower())
    for word in _WORD.findall(lowered):
        if features.char_words:
            names["w:" + word] += 1
        if features.char_range[1]:
            names.update(_char_grams(word, *features.char_range))
    if features.cross_range[1]:
        names.update(_cross_grams(lowered, *features.cross_range))
    if features.morphemes:
        morphemes = tagged_morphemes(_REPEATS.sub(r"\1\1", cleaned))
        names.update("k:" + morpheme for morpheme in morphemes)
        names.update(f"kb:{a} {b}" for a, b in itertools.pairwise(morphemes))
    words = _english_words(cleaned)
    names.update("n:" + word for word in words if word.startswith("NOT_"))
    names.update(f"b:{a} {b}" for a, b in itertools.pairwise(words))
    for name, pattern in _MARKERS:
        if pattern.search(cleaned):
            names["m:" + name] += 1
    signals = emoji_signals(text)
    if signals.valence > 0:
        names["m:emoji+"] += 1
    elif signals.valence < 0:
        names["m:emoji-"] += 1
    if signals.tears:
        names["m:tears"] += 1
    return names


@cache
def extra_indexes(keys: tuple[str, ...]) -> np.ndarray:
    """Columns of the named dense extras (VADER's score, the lexicon's score, ...)."""
    return np.array([_bucket("x:" + key) for key in keys], dtype=np.int64)


def hashed_counts(names: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
    """(column indexes, 1 + log count) of one text's features; colliding names add up."""
    merged: dict[int, float] = {}
    mask = DIMENSIONS - 1
    for name, count in names.items():
        index = zlib.crc32(name.encode("utf-8")) & mask
        merged[index] = merged.get(index, 0.0) + 1.0 + math.log(count)
    indexes = np.fromiter(merged.keys(), dtype=np.int64, count=len(merged))
    values = np.fromiter(merged.values(), dtype=np.float64, count=len(merged))
    return indexes, values


def weighted_row(
    counts: tuple[np.ndarray, np.ndarray],
    idf: np.ndarray | None = None,
    extra: dict[str, float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(column indexes, values) the models read: counts times idf, L2-normalised, then the
    dense extras unscaled."""
    indexes, values = counts
    if idf is not None:
        values = values * idf[indexes]
    norm = float(np.linalg.norm(values)) or 1.0
    values = values / norm
    if extra:
        indexes = np.concatenate([indexes, extra_indexes(tuple(extra))])
        values = np.concatenate([values, list(extra.values())])
    return indexes, values
