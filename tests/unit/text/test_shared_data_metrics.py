"""The committed models and rules on real labelled data (../shared/data), on rows they never saw.

The models were trained on every row except the tenth with crc32(text) % 10 == 0
(scripts/train_text_models.py); these tests score that whole held-out tenth (about 1,400,
2,000 and 800 rows) through the serving path. Floors sit a little under the measured figures,
so a regression shows without flakiness. `bench/text_quality.py` prints every figure,
cross-validated ones included.
"""

from __future__ import annotations

import csv
import zlib
from pathlib import Path

from sklearn.metrics import f1_score

from tubelens.text import Polarity, classify_sentiment, classify_toxicity, is_spam


def _rows(data: Path, relative: str) -> list[dict[str, str]]:
    with (data / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _held_out(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [row for row in rows if zlib.crc32(row["text"].encode("utf-8")) % 10 == 0]


def test_english_polar_accuracy_and_macro_f1_on_held_out_rows(shared_data):
    rows = _held_out(_rows(shared_data, "sentiment/en_vader_snippets.tsv"))
    gold = [
        "positive" if v >= 0.5 else "negative" if v <= -0.5 else "neutral"
        for v in (float(row["valence"]) for row in rows)
    ]
    predicted = [classify_sentiment(row["text"], "en").value for row in rows]
    polar = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != "neutral"]
    assert sum(g == p for g, p in polar) / len(polar) >= 0.78
    assert f1_score(gold, predicted, average="macro") >= 0.59


def test_korean_accuracy_on_held_out_rows(shared_data):
    rows = _held_out(_rows(shared_data, "sentiment/ko_nsmc_dev.tsv"))
    correct = sum(classify_sentiment(row["text"], "ko").value == row["label"] for row in rows)
    assert correct / len(rows) >= 0.845


def test_korean_toxicity_macro_f1_on_held_out_rows(shared_data):
    rows = _held_out(_rows(shared_data, "toxicity/ko_hate_train.tsv"))
    predicted = [classify_toxicity(row["text"], "ko").value for row in rows]
    assert f1_score([row["hate"] for row in rows], predicted, average="macro") >= 0.58


def test_spam_f1_on_every_row(shared_data):
    rows = _rows(shared_data, "spam/yt_psy.tsv")
    gold = [row["label"] == "spam" for row in rows]
    assert f1_score(gold, [is_spam(row["text"]) for row in rows]) >= 0.92


def test_neutral_is_a_real_class_in_english_and_korean():
    assert classify_sentiment("How long do you proof the dough?", "en") is Polarity.NEUTRAL
    assert classify_sentiment("우유는 어떤 걸 쓰시나요?", "ko") is Polarity.NEUTRAL
