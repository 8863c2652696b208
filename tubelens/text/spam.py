"""Whether one comment is spam: promotion, scams, contact baits, links that promote, repetition.

Each kind of evidence has a weight; a comment is spam when its weights reach 1. A link is
evidence, not a verdict: it weighs 0.5 and needs a second sign, such as a call to act or a link
that promotes by where it leads. Signs are matched on normalised text (normalise.py), so
"ｆｒｅｅ", "suuubscribe", "c.h.e.c.k" and "site dot com" read as what they disguise. Floods
of one text from many authors are a property of a whole comment section and are found by the
comments engine.

Reason codes (stable): `link` (a link other than YouTube's, 0.5), `promoting_link` (a link to a
shortener, profile, shop, fundraiser or file locker, a referral code or money words in the
address, or three links; 0.5), `link_call` (a call to act beside a link: "buy", "sign up",
"here:", "👉", "50% off"; 0.5), `youtube_link` (0.5), `self_promotion`, `scam`, `contact` (1 each),
`weak_promotion`, `own_content`, `weak_scam` (0.5 each), `repetition` (1).
"""

from __future__ import annotations

import re
from collections import Counter

from tubelens.text.normalise import normalise
from tubelens.text.spam_links import LINK_CALLS, find_links, promoting
from tubelens.text.spam_screen import Needles, signs
from tubelens.text.spam_signs import SIGNS

SPAM_THRESHOLD = 1.0
_MENTION = re.compile(r"@(?<![\w.]@)[\w.-]+")  # the literal first: found fast
_WORD_RUN = re.compile(r"\w+")
_LATIN = re.compile(r"[a-z]")
_PASTED = re.compile(r"(\b.{6,300}?\b)(?:\W*\1){2,}")


*_SIGNS, _LINK_CALL = signs((*SIGNS, LINK_CALLS))
# Every sign's literals, each looked for once per text (signs share many of them); a text of
# plain ASCII cannot hold the others (Korean words, emoji), a text without Latin letters (most
# Korean comments) cannot hold the English words. The calls to act beside a link are
# looked for only in a text with a link.
_NEEDLES = frozenset().union(*(sign.needles for sign in _SIGNS))
_ALL = Needles(_NEEDLES)
_ASCII = Needles(frozenset(needle for needle in _NEEDLES if needle.isascii()))
_NO_LATIN = Needles(frozenset(needle for needle in _NEEDLES if not _LATIN.search(needle)))
_CALLS = Needles(_LINK_CALL.needles)


def _repetition(lowered: str) -> bool:
    """A comment mostly made of one word or of one phrase pasted three times."""
    # Both need at most about half the words distinct; few comments are that repetitive, so
    # the costlier checks below rarely run (split() is a cheap first count of the words).
    words = lowered.split()
    if len(words) < 6 or 2 * len(set(words)) > len(words) + 2:
        return False
    words = _WORD_RUN.findall(lowered)
    word, count = Counter(words).most_common(1)[0]
    if len(words) >= 8 and count / len(words) >= 0.5 and len(word) > 1:
        return True
    # A pasted phrase must hold letters: runs of broken symbols are mojibake, not spam. Its
    # length is capped: unbounded, the search is quadratic (a second per 10,000 characters).
    for match in _PASTED.finditer(lowered):
        if sum(char.isalpha() for char in match.group(1)) >= 4:
            return True
    return False


def _present(lowered: str) -> frozenset[str]:
    """The sign literals `lowered` holds."""
    if lowered.isascii():
        return _ASCII.present(lowered)
    return (_ALL if _LATIN.search(lowered) else _NO_LATIN).present(lowered)


def spam_reasons(text: str) -> list[str]:
    """Why the comment looks like spam (empty when it does not); reasons are stable codes."""
    # "@little.loaf.co" names a person, not a site; "telegram @handle" still reads as contact.
    lowered = normalise(_MENTION.sub("@", text) if "@" in text else text)
    present = _present(lowered)
    reasons: list[str] = []
    weight = 0.0
    links = find_links(lowered, text)
    if links:
        reasons.append("link")
        weight += 0.5
        if promoting(links):
            reasons.append("promoting_link")
            weight += 0.5
        if _LINK_CALL.found_in(lowered, _CALLS.present(lowered)):
            reasons.append(_LINK_CALL.reason)
            weight += _LINK_CALL.weight
    for sign in _SIGNS:
        if sign.unguarded is None and present.isdisjoint(sign.needles):
            continue  # the common case, decided without a call
        if sign.reason not in reasons and sign.found_in(lowered, present):
            reasons.append(sign.reason)
            weight += sign.weight
    if _repetition(lowered):
        reasons.append("repetition")
        weight += 1.0
    return reasons if weight >= SPAM_THRESHOLD else []


def is_spam(text: str) -> bool:
    return bool(spam_reasons(text))
