"""Spam detection on real data (../shared/data): the F1 floor, and how little ham it flags.

The rules were tuned on the even rows of spam/yt_psy.tsv; the odd rows are held out, so a
floor on them shows overfitting. The floors sit a little under the measured figures
(bench/text_spam.py prints them)."""

from __future__ import annotations

import csv
from pathlib import Path

from tubelens.text import is_spam


def _rows(data: Path, relative: str) -> list[dict[str, str]]:
    with (data / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _f1(gold: list[bool], predicted: list[bool]) -> float:
    hits = sum(g and p for g, p in zip(gold, predicted, strict=True))
    return 2 * hits / max(sum(gold) + sum(predicted), 1)


def test_spam_f1_on_all_rows_and_on_the_held_out_half(shared_data: Path) -> None:
    rows = _rows(shared_data, "spam/yt_psy.tsv")
    gold = [row["label"] == "spam" for row in rows]
    predicted = [is_spam(row["text"]) for row in rows]
    assert _f1(gold, predicted) >= 0.95  # measured 0.9706
    assert _f1(gold[1::2], predicted[1::2]) >= 0.94  # held out; measured 0.9724
    flagged_ham = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    assert flagged_ham <= 2  # measured 0


def test_tweets_with_links_are_mostly_not_spam(shared_data: Path) -> None:
    tweets = [row["text"] for row in _rows(shared_data, "sentiment/en_tweeteval.tsv")]
    linked = [text for text in tweets if "http" in text or "www." in text]
    assert len(linked) > 300
    assert sum(map(is_spam, tweets)) / len(tweets) <= 0.01  # measured 0.58%
    assert sum(map(is_spam, linked)) / len(linked) <= 0.06  # measured 3.9%


def test_korean_reviews_are_not_spam(shared_data: Path) -> None:
    reviews = [row["text"] for row in _rows(shared_data, "sentiment/ko_nsmc_dev.tsv")]
    assert sum(map(is_spam, reviews)) / len(reviews) <= 0.001  # measured 0.03%
