"""Disagreements in reply threads: replies that turn against the comment they answer.

A reply disagrees when it says so ("that's not true", "I disagree", "아닌데요", "틀렸") or
when it judges clearly the other way from its parent (parent praises, reply condemns).
Helpful answers to a complaint ("try more water, it works!") flip polarity too, so a flip
only counts when both sides are judged clearly (the model leans strongly and the lexicon
agrees) and the reply neither gives a tip nor says it agrees.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from services.comments.domain import Disagreement, Sentiment
from services.comments.engines.local.reading import ReadComment, to_ref
from tubelens.text.sentiment import lexicon_score

CONTRADICTION = "contradiction"
OPPOSITE_SENTIMENT = "opposite_sentiment"
STRONG = 0.6  # both sides must lean at least this far for a flip to count
_CONTRADICTS = re.compile(
    r"\b(?:i (?:really )?disagree|(?:that's|thats|that is|this is|it's|its) (?:not true|wrong|"
    r"false|incorrect|bs|nonsense)|not true|you(?:'re| are) wrong|wrong\b|nope\b|no it(?:'s| is)"
    r"|not really\b|i don'?t (?:think|agree)|actually,? no|absolutely not|hard disagree)"
    r"|아닌데|아니에요|아니죠|아닙니다|아니거든|틀렸|틀린|동의\s?(?:못|안)|반대(?:입니다|예요|해요)"
    r"|무슨\s?소리|그건\s?아니|그렇지\s?않|잘못\s?(?:알|아시)",
    re.IGNORECASE,
)
_TIP = re.compile(
    r"\b(?:try|you (?:need|should|can)|make sure)\b|해\s?보세요|하시면", re.IGNORECASE
)
_AGREES = re.compile(
    r"\b(?:agreed?|same here|exactly|so true|yes|yep|true)\b|맞아요|맞네요|동의|저도|공감",
    re.IGNORECASE,
)
_OPPOSITE = {Sentiment.POSITIVE: Sentiment.NEGATIVE, Sentiment.NEGATIVE: Sentiment.POSITIVE}


def _clear(item: ReadComment) -> bool:
    """The model leans strongly and the lexicon agrees on the sign: a judgement to trust."""
    if abs(item.score) < STRONG or item.language not in ("en", "ko"):
        return False
    return lexicon_score(item.comment.text, item.language) * item.score > 0


def _reason(parent: ReadComment, reply: ReadComment) -> str | None:
    if _CONTRADICTS.search(reply.comment.text):
        return CONTRADICTION
    if _OPPOSITE.get(parent.sentiment) != reply.sentiment:
        return None  # asked first: _clear reads the lexicon again, the costly part
    text = reply.comment.text
    strong = _clear(parent) and _clear(reply)
    if strong and not _TIP.search(text) and not _AGREES.search(text):
        return OPPOSITE_SENTIMENT
    return None


def find_disagreements(read: Sequence[ReadComment], limit: int) -> tuple[Disagreement, ...]:
    """Up to `limit` disagreements, most liked replies first."""
    parents = {item.comment.id: item for item in read if not item.comment.is_reply}
    found: list[tuple[ReadComment, ReadComment, str]] = []
    for item in read:
        parent = parents.get(item.comment.parent_id) if item.comment.is_reply else None
        if parent is None or parent.comment.author == item.comment.author:
            continue
        reason = _reason(parent, item)
        if reason:
            found.append((parent, item, reason))
    found.sort(key=lambda triple: -triple[1].comment.like_count)
    return tuple(
        Disagreement(parent=to_ref(parent), reply=to_ref(reply), reason=reason)
        for parent, reply, reason in found[:limit]
    )
