"""The Korean sentiment lexicon (lexicons/ko_sentiment.tsv) and a longest-match scanner over it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tubelens.text._data import tsv_pairs

INTENSIFIER, NEGATOR, POST_NEGATOR, CONTRAST = "@int", "@neg", "@post", "@but"


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "valence" or one of the tags above
    value: float = 0.0
    start_only: bool = False  # must begin an eojeol (marked ^ in the file)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # offsets in the text with spaces removed
    end: int
    text: str
    entry: Entry


@cache
def lexicon() -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for key, value in tsv_pairs("ko_sentiment.tsv"):
        start_only = key.startswith("^")
        word = key.lstrip("^")
        if value.startswith("@"):
            entries[word] = Entry(kind=value, start_only=start_only)
        else:
            entries[word] = Entry(kind="valence", value=float(value), start_only=start_only)
    return entries


@cache
def _lengths_by_first_letter() -> dict[str, tuple[int, ...]]:
    """First letter of an entry -> the lengths of the entries starting with it, longest first:
    most places in a text start no entry, and are passed with one look-up."""
    lengths: dict[str, set[int]] = {}
    for word in lexicon():
        lengths.setdefault(word[0], set()).add(len(word))
    return {letter: tuple(sorted(found, reverse=True)) for letter, found in lengths.items()}


def compact(text: str) -> tuple[str, frozenset[int]]:
    """The text without spaces, and the offsets where each eojeol began in it."""
    words = text.split()
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word)
    return "".join(words), frozenset(starts)


def scan(text: str) -> list[Hit]:
    """Lexicon entries in the text, left to right, the longest entry winning at each place.

    Spaces are ignored ("안좋아요" and "안 좋아요" read the same), which is why an entry
    can be tied to the start of a word instead.
    """
    joined, word_starts = compact(text)
    entries, by_first = lexicon(), _lengths_by_first_letter()
    hits: list[Hit] = []
    index, size = 0, len(joined)
    while index < size:
        for length in by_first.get(joined[index], ()):
            piece = joined[index : index + length]
            entry = entries.get(piece) if index + length <= size else None
            if entry and (not entry.start_only or index in word_starts):
                hits.append(Hit(index, index + length, piece, entry))
                index += length
                break
        else:
            index += 1
    return hits
