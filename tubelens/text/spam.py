"""Whether one comment is spam: links, self-promotion, scams, contact baits, repetition.

Each kind of evidence has a weight; a comment is spam when its weights reach 1. Weak signs
("check this out", a YouTube link) only count together. Floods of one text from many authors
are a property of a whole comment section and are found by the comments engine.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tubelens.text.literals import required_literals
from tubelens.text.spam_signs import SIGNS

SPAM_THRESHOLD = 1.0
_MENTION = re.compile(r"(?<![\w.])@[\w.-]+")
_WORD_RUN = re.compile(r"\w+")
_PASTED = re.compile(r"(\b.{6,300}?\b)(?:\W*\1){2,}")


@dataclass(frozen=True, slots=True)
class _Sign:
    """A sign's alternatives, each with the literals every match of it holds: an alternative is
    searched only when the text holds one of them (most comments hold none, and the search is
    the costly part). Alternatives without such literals are always searched, together."""

    reason: str
    weight: float
    needles: frozenset[str]  # all the guarded alternatives' literals
    guarded: tuple[tuple[frozenset[str], re.Pattern[str]], ...]
    unguarded: re.Pattern[str] | None

    def found_in(self, lowered: str, present: frozenset[str]) -> bool:
        """Whether the sign is in `lowered`, which holds exactly the needles in `present`."""
        if not present.isdisjoint(self.needles):
            for needles, pattern in self.guarded:
                if not present.isdisjoint(needles) and pattern.search(lowered):
                    return True
        return self.unguarded is not None and self.unguarded.search(lowered) is not None


def _sign(reason: str, weight: float, alternatives: tuple[str, ...]) -> _Sign:
    guarded: list[tuple[frozenset[str], re.Pattern[str]]] = []
    unguarded: list[str] = []
    for alternative in alternatives:
        literals = required_literals(alternative)
        if literals:
            guarded.append((literals, re.compile(alternative)))
        else:
            unguarded.append(alternative)
    needles = frozenset(needle for literals, _ in guarded for needle in literals)
    either = re.compile("|".join(unguarded)) if unguarded else None
    return _Sign(reason, weight, needles, tuple(guarded), either)


_SIGNS = tuple(_sign(*sign) for sign in SIGNS)
# Every sign's literals, each looked for once per text (signs share many of them).
_NEEDLES = tuple(sorted(frozenset().union(*(sign.needles for sign in _SIGNS))))


def _repetition(lowered: str) -> bool:
    """One word making up half of a long comment, or one phrase pasted three times."""
    words = _WORD_RUN.findall(lowered)
    if len(words) >= 8:
        word, count = Counter(words).most_common(1)[0]
        if count / len(words) >= 0.5 and len(word) > 1:
            return True
    # Three copies of a phrase of 6 or more characters start with the same 6 characters three
    # times; without such a 6-gram the costly search below cannot match, so it is skipped.
    # 6-grams as tuples of characters, built in C (shorter tails end the zip)
    grams = Counter(zip(*(lowered[i:] for i in range(6)), strict=False))
    if not grams or max(grams.values()) < 3:
        return False
    # A pasted phrase must hold letters: runs of broken symbols are mojibake, not spam. Its
    # length is capped: unbounded, the search is quadratic (a second per 10,000 characters).
    for match in _PASTED.finditer(lowered):
        if sum(char.isalpha() for char in match.group(1)) >= 4:
            return True
    return False


def spam_reasons(text: str) -> list[str]:
    """Why the comment looks like spam (empty when it does not); reasons are stable codes."""
    # "@little.loaf.co" names a person, not a site; "telegram @handle" still reads as contact.
    # The signs are written in lower case and matched against the lowered text: the same
    # verdicts as case-insensitive patterns, at about half the cost.
    lowered = _MENTION.sub("@handle", text).lower()
    present = frozenset(filter(lowered.__contains__, _NEEDLES))
    reasons: list[str] = []
    weight = 0.0
    for sign in _SIGNS:
        if sign.reason not in reasons and sign.found_in(lowered, present):
            reasons.append(sign.reason)
            weight += sign.weight
    if _repetition(lowered):
        reasons.append("repetition")
        weight += 1.0
    return reasons if weight >= SPAM_THRESHOLD else []


def is_spam(text: str) -> bool:
    return bool(spam_reasons(text))
