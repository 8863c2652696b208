"""English sentiment on social text: tweets the model never saw, and how comments read.

The committed model never saw the tweets with crc32(text) % 10 == 0 (about 1,500); they go
through the serving path and must beat plain VADER (compound >= 0.05 positive, <= -0.05
negative) on both figures. Floors sit a little under the measured figures
(bench/text_english.py prints them).
"""

from __future__ import annotations

import csv
import json
import zlib
from collections import Counter
from pathlib import Path

import pytest
from sklearn.metrics import f1_score
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from tubelens.text import Polarity, classify_sentiment

# Measured on the held-out tweets: 0.710 polar accuracy, 0.657 macro-F1 (plain VADER: 0.633,
# 0.546).
ACCURACY_FLOOR, MACRO_FLOOR = 0.69, 0.64


def _held_out_tweets(data: Path) -> tuple[list[str], list[str]]:
    path = data / "sentiment" / "en_tweeteval.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    rows = [row for row in rows if zlib.crc32(row["text"].encode("utf-8")) % 10 == 0]
    return [row["text"] for row in rows], [row["label"] for row in rows]


def _figures(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    polar = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != "neutral"]
    accuracy = sum(g == p for g, p in polar) / len(polar)
    return accuracy, f1_score(gold, predicted, average="macro")


def _vader(text: str, analyzer: SentimentIntensityAnalyzer) -> str:
    score = analyzer.polarity_scores(text)["compound"]
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


def test_held_out_tweets_beat_plain_vader_on_both_figures(shared_data):
    texts, gold = _held_out_tweets(shared_data)
    accuracy, macro = _figures(gold, [classify_sentiment(t, "en").value for t in texts])
    analyzer = SentimentIntensityAnalyzer()
    vader_accuracy, vader_macro = _figures(gold, [_vader(t, analyzer) for t in texts])
    assert accuracy >= ACCURACY_FLOOR and macro >= MACRO_FLOOR
    assert accuracy > vader_accuracy + 0.02 and macro > vader_macro + 0.02


@pytest.mark.xfail(
    strict=True,
    reason="99 positive / 56 neutral / 87 negative of 242: the model, trained on tweets and "
    "reviews, reads comments' narration of baking troubles and plain questions as negative",
)
def test_friendly_sample_comments_read_mostly_positive(samples):
    path = samples / "en-sourdough" / "comments.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    counts = Counter(classify_sentiment(text).value for text in texts)
    assert counts["positive"] > len(texts) / 2 and counts["negative"] < len(texts) / 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("New video is up.", Polarity.NEUTRAL),  # a plain statement
        ("Watching this from Brazil, hi everyone!", Polarity.POSITIVE),  # a greeting
        ("YOU ARE A CLOWN AND A LIAR", Polarity.NEGATIVE),  # an all-caps insult
        ("@maggie.bakes.things thank you so much, this fixed my loaf", Polarity.POSITIVE),
        ("lol this is so bad it hurts", Polarity.NEGATIVE),
        ("Just made my third loaf with this recipe 😍", Polarity.POSITIVE),  # the emoji says it
        ("Made it with my kids. 10/10.", Polarity.POSITIVE),  # a rating the lexicon reads
    ],
)
def test_social_text(text, expected):
    assert classify_sentiment(text, "en") is expected


@pytest.mark.parametrize(
    "text", ["Great video, thanks!", "This recipe ruined my weekend.", "New video is up."]
)
def test_a_link_does_not_decide_polarity(text):
    linked = f"{text} https://youtu.be/dQw4w9WgXcQ"
    assert classify_sentiment(linked, "en") is classify_sentiment(text, "en")
