"""English sentiment: VADER, with a few hundred critics' and reviewers' words it lacks."""

from __future__ import annotations

from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from tubelens.text._data import tsv_pairs


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    analyzer = SentimentIntensityAnalyzer()
    extra = tsv_pairs("en_sentiment_extra.tsv")
    analyzer.lexicon.update({word: float(value) for word, value in extra})
    return analyzer


def english_sentiment_score(text: str) -> float:
    """VADER's compound score in [-1, 1] (it already reads emoji, negation and "but")."""
    return float(_analyzer().polarity_scores(text)["compound"])
