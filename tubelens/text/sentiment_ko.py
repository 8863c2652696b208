"""Korean sentiment from a hand-built lexicon with negation, intensifiers and chat markers."""

from __future__ import annotations

import math
import re

from tubelens.text.emoji import emoji_signals
from tubelens.text.korean_lexicon import (
    CONTRAST,
    INTENSIFIER,
    NEGATOR,
    POST_NEGATOR,
    Hit,
    scan,
)

_NEGATION_FACTOR = -0.7  # "not good" is less negative than "bad" is
_BARE_NEGATION = -0.8  # "안 들려요", "못 알아듣겠어요": a negated verb is mostly a complaint
_INTENSITY = 1.5
_NEGATOR_REACH = 2  # characters between a negator and its predicate (안 너무 좋 is rare)
_POST_REACH = {"없": 1, "아니": 4, "아님": 4, "아닌": 4, "아냐": 4}  # particles may sit between
_LAUGHTER = re.compile(r"[ㅋㅎ]{2,}|ㅋ+ㅎ+|ㅎ+ㅋ+")
_TEARS = re.compile(r"[ㅠㅜ]{2,}|ㅠ|ㅜㅜ")
_RATING = re.compile(r"(?<![\d.])(10|[0-9])\s*점(?!\s*만점)")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_SMOOTHING = 6.0  # maps the raw sum into (-1, 1); one strong word gives about +-0.7


def _word_valence(hits: list[Hit], bare_negation: float = _BARE_NEGATION) -> float:
    """Sum of the lexicon valences after negation, intensity and contrast are applied."""
    scored: list[tuple[int, int, float]] = []  # start, end, value
    boost, boost_end, negator_end = 1.0, -10, None
    contrast_at: int | None = None
    for hit in hits:
        kind = hit.entry.kind
        if kind == INTENSIFIER:
            boost, boost_end = min(boost * _INTENSITY, 2.0), hit.end
        elif kind == NEGATOR:
            if negator_end is not None:
                scored.append((negator_end, negator_end, bare_negation))
            negator_end = hit.end
        elif kind == CONTRAST:
            contrast_at = hit.start
        elif kind == POST_NEGATOR:
            reach = _POST_REACH.get(hit.text, 2)
            if scored and hit.start - scored[-1][1] <= reach and scored[-1][2] != bare_negation:
                start, end, value = scored[-1]
                scored[-1] = (start, end, value * _NEGATION_FACTOR)
            elif reach == 2:  # "-지 않" with no known predicate before it
                scored.append((hit.start, hit.end, bare_negation))
        else:
            value = hit.entry.value
            if hit.start - boost_end <= 6:
                value *= boost
            if negator_end is not None and hit.start - negator_end <= _NEGATOR_REACH:
                value *= _NEGATION_FACTOR
                negator_end = None
            boost, boost_end = 1.0, -10
            scored.append((hit.start, hit.end, value))
    if negator_end is not None:
        scored.append((negator_end, negator_end, bare_negation))
    if contrast_at is None:
        return sum(value for _, _, value in scored)
    # "A지만 B": the clause after the contrast carries the opinion.
    return sum(value * (1.5 if start >= contrast_at else 0.5) for start, _, value in scored)


def korean_sentiment_score(text: str) -> float:
    """Valence of a Korean text in [-1, 1]; 0 when nothing in it carries an opinion."""
    # Scored sentence by sentence so negation and "but" stay inside their sentence; a negated
    # verb in a question ("안 해도 되나요?") asks rather than complains.
    total = sum(
        _word_valence(scan(sentence), 0.0 if sentence.rstrip().endswith("?") else _BARE_NEGATION)
        for sentence in _SENTENCE.findall(text.lower())
    )
    emoji = emoji_signals(text)
    tears = len(_TEARS.findall(text)) + emoji.tears
    if tears:
        # Tears deepen whatever the words say (감동ㅠㅠ, 망했어요ㅠㅠ); alone they are as often
        # "moved" as "sad", so they say nothing by themselves.
        total *= 1.3
    if total >= 0:
        # Laughter, a friendly "~" or "!" next to a complaint is mockery or emphasis, so these
        # only add to texts that are not already negative.
        total += 0.4 * bool(_LAUGHTER.search(text)) + 0.3 * ("~" in text)
        total += 0.3 * (total == 0 and "!" in text)
    if total == 0 and ".." in text:
        total = -0.3  # a trailing "..." with nothing else reads as a sigh
    total += emoji.valence
    for rating in _RATING.findall(text):
        points = int(rating)
        total += 2.5 if points >= 8 else -2.5 if points <= 3 else -1.0 if points <= 5 else 0.0
    if total and "!" in text:
        total *= 1 + 0.1 * min(text.count("!"), 3)
    return total / math.sqrt(total * total + _SMOOTHING)
