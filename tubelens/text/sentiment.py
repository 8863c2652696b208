"""Polarity of a comment or sentence in any language: a score in [-1, 1] and a class.

English and Korean use the committed models (tubelens/text/trained.py), which read VADER and
the Korean lexicon as features; a text the lexicon finds no opinion in and the model is unsure
about is neutral. Other languages only have what emoji and emoticons say, and are neutral
otherwise (honest rather than guessing from foreign words).
"""

from __future__ import annotations

import math
from enum import StrEnum

from tubelens.text.emoji import emoji_signals
from tubelens.text.language import detect_language
from tubelens.text.questions import is_question
from tubelens.text.trained import english_extras, korean_extras, predict_probabilities

# Scores closer to 0 than this are neutral (VADER's own recommended threshold).
NEUTRAL_BAND = 0.05
# Without any opinion word, a model lean weaker than this is read as neutral: the models learnt
# from reviews, where every text has an opinion, but many comments state facts. Korean reviews
# are terser, so the lexicon misses more real opinions there and the band is narrower.
UNSURE_WITHOUT_LEXICON = {"en": 0.5, "ko": 0.1}
# A question without opinion words asks rather than judges, unless the model is nearly sure
# (reviews' rhetorical questions, "이게 영화냐?", are opinions).
UNSURE_QUESTION = 0.8


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


def _emoji_only_score(text: str) -> float:
    signals = emoji_signals(text)
    total = signals.valence - 0.8 * signals.tears
    return total / math.sqrt(total * total + 6.0)


def decide(
    probabilities: dict[str, float], opinionated: bool, language: str, asks: bool = False
) -> tuple[float, Polarity]:
    """Score and class from a model's probabilities and whether a lexicon found an opinion.

    A question with no opinion word is neutral unless the model is nearly sure.
    """
    score = probabilities["positive"] - probabilities["negative"]
    best = Polarity(max(probabilities, key=probabilities.__getitem__))
    unsure = abs(score) < (UNSURE_QUESTION if asks else UNSURE_WITHOUT_LEXICON[language])
    if best is not Polarity.NEUTRAL and not opinionated and unsure:
        best = Polarity.NEUTRAL
    return score, best


def is_opinionated(text: str, language: str) -> bool:
    """Whether the lexicon (VADER for English) finds any opinion word in the text."""
    if language == "ko":
        return korean_extras(text)["lex"] != 0
    return english_extras(text)["vader"] != 0


def _model_reading(text: str, language: str) -> tuple[float, Polarity]:
    """Score and class from the language's model (language is "en" or "ko")."""
    model = "sentiment_ko" if language == "ko" else "sentiment_en"
    probabilities = predict_probabilities(model, text)
    return decide(
        probabilities, is_opinionated(text, language), language, is_question(text, language)
    )


def read_sentiment(text: str, language: str | None = None) -> tuple[float, Polarity]:
    """Score and class together, for callers that need both (one model call)."""
    language = language or detect_language(text)
    if language in ("en", "ko"):
        return _model_reading(text, language)
    score = _emoji_only_score(text)
    return score, classify_sentiment(text, language)


def sentiment_score(text: str, language: str | None = None) -> float:
    """Valence in [-1, 1]: P(positive) - P(negative) for English and Korean."""
    language = language or detect_language(text)
    if language in ("en", "ko"):
        return _model_reading(text, language)[0]
    return _emoji_only_score(text)


def classify_sentiment(text: str, language: str | None = None) -> Polarity:
    language = language or detect_language(text)
    if language in ("en", "ko"):
        return _model_reading(text, language)[1]
    score = _emoji_only_score(text)
    if score >= NEUTRAL_BAND:
        return Polarity.POSITIVE
    if score <= -NEUTRAL_BAND:
        return Polarity.NEGATIVE
    return Polarity.NEUTRAL
