"""Shared text analysis for comments and transcripts: language, tokens, sentiment, questions,
requests, spam and toxicity.

Word lists, rules and small committed linear models (numpy only at prediction time); nothing
here imports gRPC or a service package.
"""

from tubelens.text.language import UNDETERMINED, detect_language
from tubelens.text.questions import is_question
from tubelens.text.requests import is_request
from tubelens.text.sentiment import (
    NEUTRAL_BAND,
    Polarity,
    classify_sentiment,
    read_sentiment,
    sentiment_score,
)
from tubelens.text.spam import is_spam, spam_reasons
from tubelens.text.tokens import tokenize
from tubelens.text.toxicity import Toxicity, classify_toxicity

__all__ = [
    "NEUTRAL_BAND",
    "UNDETERMINED",
    "Polarity",
    "Toxicity",
    "classify_sentiment",
    "classify_toxicity",
    "detect_language",
    "is_question",
    "is_request",
    "is_spam",
    "read_sentiment",
    "sentiment_score",
    "spam_reasons",
    "tokenize",
    "warm_up",
]


def warm_up() -> None:
    """Load every model and the Korean analyser now, so a server pays for it before it reports
    SERVING rather than on its first request (kiwipiepy alone takes seconds)."""
    for text, language in (("정말 좋아요 감사합니다", "ko"), ("I really love this video", "en")):
        read_sentiment(text, language)
        classify_toxicity(text, language)
    from tubelens.text.morphology import korean_content_morphemes

    korean_content_morphemes("커피 맛있어요")
