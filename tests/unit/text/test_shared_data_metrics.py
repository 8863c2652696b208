"""Accuracy of the text analysis on the real labelled data in ../shared/data.

Run directly to print the figures: `.venv/bin/python tests/unit/text/test_shared_data_metrics.py`.
The floors asserted here sit a little under what the implementation measures, so a regression
shows without the tests being flaky.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from tubelens.text import Polarity, classify_sentiment, is_spam, sentiment_score

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA = REPO_ROOT.parent / "shared" / "data"

pytestmark = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"shared labelled data not found at {DATA} (it sits beside the repo)"
)


def _rows(relative: str) -> list[dict[str, str]]:
    with (DATA / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _macro_f1(gold: list[str], predicted: list[str]) -> float:
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


@cache
def english_figures() -> dict[str, float]:
    """Per the data README: valence >= 0.5 positive, <= -0.5 negative, else neutral."""
    gold, predicted = [], []
    for row in _rows("sentiment/en_vader_snippets.tsv"):
        valence = float(row["valence"])
        gold.append("positive" if valence >= 0.5 else "negative" if valence <= -0.5 else "neutral")
        predicted.append(classify_sentiment(row["text"], "en").value)
    polar = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != "neutral"]
    return {
        "en_polar_accuracy": sum(g == p for g, p in polar) / len(polar),
        "en_macro_f1": _macro_f1(gold, predicted),
    }


@cache
def korean_figures() -> dict[str, float]:
    """Accuracy on the balanced binary labels; a neutral answer counts as wrong."""
    rows = _rows("sentiment/ko_nsmc_dev.tsv")
    scores = [sentiment_score(row["text"], "ko") for row in rows]
    labels = [row["label"] for row in rows]
    strict = sum(classify_sentiment(row["text"], "ko").value == row["label"] for row in rows) / len(
        rows
    )
    decided = [(s, label) for s, label in zip(scores, labels, strict=True) if s != 0]
    on_decided = sum((s > 0) == (label == "positive") for s, label in decided) / len(decided)
    return {
        "ko_accuracy": strict,
        "ko_coverage": len(decided) / len(rows),
        "ko_accuracy_where_decided": on_decided,
    }


@cache
def spam_figures() -> dict[str, float]:
    rows = _rows("spam/yt_psy.tsv")
    tp = sum(is_spam(r["text"]) and r["label"] == "spam" for r in rows)
    fp = sum(is_spam(r["text"]) and r["label"] == "ham" for r in rows)
    fn = sum(not is_spam(r["text"]) and r["label"] == "spam" for r in rows)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return {
        "spam_precision": precision,
        "spam_recall": recall,
        "spam_f1": 2 * precision * recall / (precision + recall),
    }


def test_english_polar_accuracy_and_macro_f1():
    figures = english_figures()
    assert figures["en_polar_accuracy"] >= 0.59
    assert figures["en_macro_f1"] >= 0.48


def test_korean_accuracy():
    figures = korean_figures()
    assert figures["ko_accuracy"] >= 0.67
    assert figures["ko_accuracy_where_decided"] >= 0.78


def test_spam_f1():
    assert spam_figures()["spam_f1"] >= 0.92


def test_neutral_is_a_real_class_in_english():
    assert classify_sentiment("The bread is in the oven.", "en") is Polarity.NEUTRAL


if __name__ == "__main__":
    for figures in (english_figures(), korean_figures(), spam_figures()):
        for name, value in figures.items():
            print(f"{name:28s} {value:.4f}")
