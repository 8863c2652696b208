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
from functools import cache, lru_cache

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


def _cross_grams(lowered: str, low: int, high: int) -> list[str]:
    """Character n-grams that contain a space: the pieces of one phrase split by spacing."""
    joined = " ".join(lowered.split())
    if " " not in joined:
        return []
    # A gram holds a space inside it (not at an end, where strip() would drop it) when the
    # first space after its start lies within size - 2 places: one lookup per gram instead of
    # cutting and stripping every gram.
    length = len(joined)
    next_space, following = [0] * length, length
    for position in range(length - 1, -1, -1):
        next_space[position] = following
        if joined[position] == " ":
            following = position
    grams: list[str] = []
    for size in range(low, high + 1):
        reach = size - 2
        grams.extend(
            "x:" + joined[start : start + size]
            for start in range(length - size + 1)
            if next_space[start] - start <= reach
        )
    return grams


@lru_cache(maxsize=1 << 14)  # words recur across comments: their n-grams are built once
def _word_names(word: str, char_words: bool, low: int, high: int) -> tuple[str, ...]:
    names = ["w:" + word] if char_words else []
    if high:
        names.extend(_char_grams(word, low, high))
    return tuple(names)


def morpheme_text(text: str) -> str:
    """What kiwipiepy reads for the morpheme features (links as "url", runs cut to two)."""
    return _REPEATS.sub(r"\1\1", _URL.sub(" url ", text))


def feature_list(
    text: str, features: FeatureSet = FeatureSet(), morphemes: list[str] | None = None
) -> list[str]:
    """The named features of one text (before hashing), each as often as it occurs.

    `morphemes`: tagged_morphemes(morpheme_text(text)) when the caller analysed many texts
    at once (labels.py); read here otherwise.
    """
    names: list[str] = []
    cleaned = _URL.sub(" url ", text)
    lowered = _REPEATS.sub(r"\1\1", cleaned.lower())
    for word in _WORD.findall(lowered):
        names.extend(_word_names(word, features.char_words, *features.char_range))
    if features.cross_range[1]:
        names.extend(_cross_grams(lowered, *features.cross_range))
    if features.morphemes:
        if morphemes is None:
            morphemes = tagged_morphemes(_REPEATS.sub(r"\1\1", cleaned))
        names.extend("k:" + morpheme for morpheme in morphemes)
        names.extend(f"kb:{a} {b}" for a, b in itertools.pairwise(morphemes))
    words = _english_words(cleaned)
    names.extend("n:" + word for word in words if word.startswith("NOT_"))
    names.extend(f"b:{a} {b}" for a, b in itertools.pairwise(words))
    names.extend("m:" + name for name, pattern in _MARKERS if pattern.search(cleaned))
    signals = emoji_signals(text)
    if signals.valence > 0:
        names.append("m:emoji+")
    elif signals.valence < 0:
        names.append("m:emoji-")
    if signals.tears:
        names.append("m:tears")
    return names


def feature_names(
    text: str, features: FeatureSet = FeatureSet(), morphemes: list[str] | None = None
) -> Counter[str]:
    """The named features of one text (before hashing), with their counts."""
    return Counter(feature_list(text, features, morphemes))


@cache
def extra_indexes(keys: tuple[str, ...]) -> np.ndarray:
    """Columns of the named dense extras (VADER's score, the lexicon's score, ...)."""
    return np.array([_bucket("x:" + key) for key in keys], dtype=np.int64)


# Feature name -> column. Names recur across comments (n-grams, markers), and CRC-32 of each
# was a fifth of the cost of a row; the dict is emptied when full, so it stays bounded.
_BUCKETS: dict[str, int] = {}
_BUCKETS_MAX = 1 << 17  # about 15 MB of names


def columns_of(names: list[str]) -> list[int]:
    """The hashed column of each feature name."""
    found = list(map(_BUCKETS.get, names))
    if None in found:
        if len(_BUCKETS) > _BUCKETS_MAX:
            _BUCKETS.clear()
        # Only the missing positions are visited in Python (found by numpy).
        for position in np.flatnonzero(np.equal(np.array(found, dtype=object), None)).tolist():
            found[position] = _BUCKETS[names[position]] = _bucket(names[position])
    return found  # type: ignore[return-value]


def hashed_counts(names: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
    """(column indexes, 1 + log count) of one text's features; colliding names add up."""
    merged: dict[int, float] = {}
    for index, count in zip(columns_of(list(names)), names.values(), strict=True):
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
