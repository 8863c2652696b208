"""Whether one comment is spam: links, self-promotion, scams, contact baits, repetition.

Each kind of evidence has a weight; a comment is spam when its weights reach 1. Weak signs
("check this out", a YouTube link) only count together. Floods of one text from many authors
are a property of a whole comment section and are found by the comments engine.
"""

from __future__ import annotations

import re
from collections import Counter

from tubelens.text.spam_signs import SIGNS

SPAM_THRESHOLD = 1.0
_MENTION = re.compile(r"(?<![\w.])@[\w.-]+")
_PASTED = re.compile(r"(\b.{6,300}?\b)(?:\W*\1){2,}")


def _repetition(lowered: str) -> bool:
    """One word making up half of a long comment, or one phrase pasted three times."""
    words = re.findall(r"\w+", lowered)
    if len(words) >= 8:
        word, count = Counter(words).most_common(1)[0]
        if count / len(words) >= 0.5 and len(word) > 1:
            return True
    # Three copies of a phrase of 6 or more characters start with the same 6 characters three
    # times; without such a 6-gram the costly search below cannot match, so it is skipped.
    grams = Counter(lowered[i : i + 6] for i in range(len(lowered) - 5))
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
    reasons: list[str] = []
    weight = 0.0
    for reason, sign_weight, pattern in SIGNS:
        if reason not in reasons and pattern.search(lowered):
            reasons.append(reason)
            weight += sign_weight
    if _repetition(lowered):
        reasons.append("repetition")
        weight += 1.0
    return reasons if weight >= SPAM_THRESHOLD else []


def is_spam(text: str) -> bool:
    return bool(spam_reasons(text))
