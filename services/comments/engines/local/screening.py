"""Which comments to leave out before analysis: spam, copy-paste floods and repeats.

A flood is one text posted by several different authors (bots, coordinated campaigns); a
repeat is one author posting the same text again. Floods are spam; repeats are just dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tubelens.domain import Comment

FLOOD_MIN_AUTHORS = 3
# Short stock reactions ("first!", "❤️", "ㅋㅋㅋ") are naturally written by many people.
FLOOD_MIN_LETTERS = 15
_NOT_LETTER = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Screening:
    kept: tuple[int, ...]  # positions of the comments analysed, in input order
    spam_ids: tuple[str, ...]  # in input order
    flood_ids: frozenset[str]  # the part of spam_ids found as floods
    repeat_ids: tuple[str, ...]
    floods: frozenset[int] = frozenset()  # positions of the flood comments


def fingerprint(text: str) -> str:
    """The text reduced to its letters, so trivial edits of a pasted text still match."""
    return _NOT_LETTER.sub("", unicodedata.normalize("NFKC", text).lower())


def _flood_fingerprints(comments: tuple[Comment, ...]) -> set[str]:
    authors: dict[str, set[str]] = defaultdict(set)
    for comment in comments:
        authors[fingerprint(comment.text)].add(comment.author or comment.id)
    return {
        key
        for key, who in authors.items()
        if len(who) >= FLOOD_MIN_AUTHORS and len(key) >= FLOOD_MIN_LETTERS
    }


def screen_comments(comments: tuple[Comment, ...], spam: Sequence[bool]) -> Screening:
    """`spam[i]` says whether comment i is spam on its own text (from the analysis's labels,
    so the screen and the per-comment labels never disagree)."""
    floods = _flood_fingerprints(comments)
    kept: list[int] = []
    spam_ids: list[str] = []
    flood_at: set[int] = set()
    repeat_ids: list[str] = []
    seen: set[tuple[str, str]] = set()
    for index, comment in enumerate(comments):
        key = fingerprint(comment.text)
        if key in floods:
            spam_ids.append(comment.id)
            flood_at.add(index)
        elif spam[index]:
            spam_ids.append(comment.id)
        elif key and (comment.author, key) in seen:
            repeat_ids.append(comment.id)
        else:
            seen.add((comment.author, key))
            kept.append(index)
    flood_ids = frozenset(comments[index].id for index in flood_at)
    return Screening(
        tuple(kept), tuple(spam_ids), flood_ids, tuple(repeat_ids), frozenset(flood_at)
    )
