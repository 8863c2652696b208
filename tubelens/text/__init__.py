"""Shared text analysis for comments and transcripts: language, tokens, sentiment, questions, spam.

Pure Python over small hand-built word lists (plus VADER for English sentiment); nothing here
imports gRPC or a service package.
"""

from tubelens.text.language import UNDETERMINED, detect_language
from tubelens.text.questions import is_question
from tubelens.text.sentiment import NEUTRAL_BAND, Polarity, classify_sentiment, sentiment_score
from tubelens.text.spam import is_spam, spam_reasons
from tubelens.text.tokens import tokenize

__all__ = [
    "NEUTRAL_BAND",
    "UNDETERMINED",
    "Polarity",
    "classify_sentiment",
    "detect_language",
    "is_question",
    "is_spam",
    "sentiment_score",
    "spam_reasons",
    "tokenize",
]
