"""Every text-quality figure of issue 5, measured on the dev data in ../shared/data.

    .venv/bin/python bench/text_quality.py          # held-out + rule figures (about 20 s)
    .venv/bin/python bench/text_quality.py --cv     # also 5-fold cross-validation (slow)

Held-out: the committed models never saw the tenth of each dev set with crc32(text) % 10 == 0;
those rows go through the serving path (classify_sentiment, classify_toxicity), neutral rule
included. Cross-validated: the training pipeline of scripts/train_text_models.py over all
rows, 5 folds. Spam uses hand-written rules (nothing trained), so it is measured on all rows.
Plain VADER is printed beside the English figures as the baseline the issue names.
Carry-over: the sentiment counts and toxicity flags on the two sample bundles' real comments
(samples/en-sourdough, mostly friendly; samples/ko-homecafe, friendly with a few complaints).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from sklearn.metrics import accuracy_score, f1_score  # noqa: E402
from train_text_models import DATA, cross_validate, dataset, is_held_out, read_rows  # noqa: E402

from tubelens.text import classify_sentiment, classify_toxicity, is_spam  # noqa: E402
from tubelens.text.trained import english_extras  # noqa: E402


def _held_out(name: str) -> tuple[list[str], list[str]]:
    texts, labels = dataset(name)
    pairs = [(t, y) for t, y in zip(texts, labels, strict=True) if is_held_out(t)]
    return [t for t, _ in pairs], [y for _, y in pairs]


def _vader_class(text: str) -> str:
    score = english_extras(text)["vader"]
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


def english() -> None:
    texts, gold = _held_out("sentiment_en")
    for label, predict in (
        ("TubeLens", lambda t: classify_sentiment(t, "en").value),
        ("plain VADER", _vader_class),
    ):
        predicted = [predict(t) for t in texts]
        polar = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != "neutral"]
        accuracy = sum(g == p for g, p in polar) / len(polar)
        macro = f1_score(gold, predicted, average="macro")
        print(f"en polar accuracy   {accuracy:.4f}   macro-F1 {macro:.4f}   {label}, held out")
    print(f"                    ({len(texts)} held-out rows, {len(polar)} of them polar)")


def korean() -> None:
    texts, gold = _held_out("sentiment_ko")
    predicted = [classify_sentiment(t, "ko").value for t in texts]
    neutral = sum(p == "neutral" for p in predicted) / len(predicted)
    print(
        f"ko accuracy         {accuracy_score(gold, predicted):.4f}   "
        f"({len(texts)} held-out rows; {neutral:.1%} answered neutral, counted wrong)"
    )


def toxicity() -> None:
    texts, gold = _held_out("toxicity_ko")
    predicted = [classify_toxicity(t, "ko").value for t in texts]
    macro = f1_score(gold, predicted, average="macro")
    print(f"toxicity macro-F1   {macro:.4f}   ({len(texts)} held-out rows, hate/offensive/none)")


def spam() -> None:
    rows = read_rows("spam/yt_psy.tsv")
    gold = [r["label"] == "spam" for r in rows]
    predicted = [is_spam(r["text"]) for r in rows]
    print(f"spam F1             {f1_score(gold, predicted):.4f}   ({len(rows)} rows, rules)")


def samples() -> None:
    """Carry-over to comments: how the two sample bundles' comments are read."""
    for name in ("en-sourdough", "ko-homecafe"):
        path = ROOT / "samples" / name / "comments.jsonl"
        texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
        polarity = Counter(classify_sentiment(text).value for text in texts)
        flagged = sum(classify_toxicity(text).value != "none" for text in texts)
        counts = " / ".join(f"{polarity[k]} {k}" for k in ("positive", "neutral", "negative"))
        print(f"sample {name:13s}{counts}; {flagged} of {len(texts)} flagged toxic")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="also run 5-fold cross-validation")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"no evaluation data at {DATA}")
    started = time.perf_counter()
    english()
    korean()
    toxicity()
    spam()
    samples()
    if args.cv:
        for name in ("sentiment_en", "sentiment_ko", "toxicity_ko"):
            for figure, value in cross_validate(name, log=lambda _: None).items():
                print(f"{figure:20s}{value:.4f}   (5-fold cross-validated, all rows)")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
