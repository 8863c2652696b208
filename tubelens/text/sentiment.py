"""Polarity of a comment or sentence in any language: a score in [-1, 1] and a class.

English uses VADER, Korean a hand-built lexicon; other languages only have what emoji and
emoticons say, and are neutral otherwise (honest rather than guessing from foreign words).
"""

from __future__ import annotations

import math
from enum import StrEnum

from tubelens.text.emoji import emoji_signals
from tubelens.text.language import detect_language
from tubelens.text.sentiment_en import english_sentiment_score
from tubelens.text.sentiment_ko import korean_sentiment_score

# Scores closer to 0 than this are neutral (VADER's own recommended threshold).
NEUTRAL_BAND = 0.05


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


def _emoji_only_score(text: str) -> float:
    signals = emoji_signals(text)
    total = signals.valence - 0.8 * signals.tears
    return total / math.sqrt(total * total + 6.0)


def sentiment_score(text: str, language: str | None = None) -> float:
    """Valence in [-1, 1]; 0 means no opinion was found."""
    language = language or detect_language(text)
    if language == "ko":
        return korean_sentiment_score(text)
    if language == "en":
        return english_sentiment_score(text)
    return _emoji_only_score(text)


def classify_sentiment(text: str, language: str | None = None) -> Polarity:
    score = sentiment_score(text, language)
    if score >= NEUTRAL_BAND:
        return Polarity.POSITIVE
    if score <= -NEUTRAL_BAND:
        return Polarity.NEGATIVE
    return Polarity.NEUTRAL
