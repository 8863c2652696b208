"""Every English sentiment figure beside plain VADER's, on the dev data in ../shared/data.

    .venv/bin/python bench/text_english.py        # held-out figures, samples, speed (~1 min)
    .venv/bin/python bench/text_english.py --cv   # also 5-fold cross-validation (~15 min)

Tweets: TweetEval's annotated tweets (negative / neutral / positive). Snippets: VADER's review
snippets, labelled by the data README's convention (valence >= +0.5 positive, <= -0.5
negative). Held out: the tenth of each set with crc32(text) % 10 == 0, which the committed
model never saw, read through the serving path classify_sentiment(text, "en"). Cross-validated:
scripts/train_text_models.py's pipeline, 5 folds over one set while the other set joins every
training fold (the committed model learns from both). Figures: accuracy on the gold
positive/negative rows (a neutral answer counts wrong) and three-class macro-F1. Plain VADER:
compound >= 0.05 positive, <= -0.05 negative, else neutral.
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

from sklearn.metrics import f1_score  # noqa: E402
from train_text_models import DATA, cross_validate, dataset, is_held_out  # noqa: E402
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

from tubelens.text import classify_sentiment  # noqa: E402

_VADER = SentimentIntensityAnalyzer()


def vader_class(text: str) -> str:
    score = _VADER.polarity_scores(text)["compound"]
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


def served_class(text: str) -> str:
    return classify_sentiment(text, "en").value


def detected_class(text: str) -> str:
    return classify_sentiment(text).value


def figures(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    polar = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != "neutral"]
    accuracy = sum(g == p for g, p in polar) / len(polar)
    return accuracy, f1_score(gold, predicted, average="macro")


def held_out(name: str, title: str) -> None:
    texts, gold = dataset(name)
    pairs = [(t, y) for t, y in zip(texts, gold, strict=True) if is_held_out(t)]
    texts, gold = [t for t, _ in pairs], [y for _, y in pairs]
    for label, read in (("TubeLens", served_class), ("plain VADER", vader_class)):
        started = time.perf_counter()
        predicted = [read(text) for text in texts]
        cost = (time.perf_counter() - started) / len(texts) * 1e6
        accuracy, macro = figures(gold, predicted)
        print(
            f"{title:9s} polar acc {accuracy:.4f}  macro-F1 {macro:.4f}  {label:12s}"
            f"held out ({len(texts)} rows; {cost:.0f} us a text, one at a time)"
        )


def cross_validated() -> None:
    for scored, title in (("tweets_en", "tweets"), ("sentiment_en", "snippets")):
        found = cross_validate("sentiment_en", log=lambda _: None, rows_of=scored)
        texts, gold = dataset(scored)
        accuracy, macro = figures(gold, [vader_class(text) for text in texts])
        print(
            f"{title:9s} polar acc {found['en_polar_accuracy']:.4f}  macro-F1 "
            f"{found['en_macro_f1']:.4f}  TubeLens    5-fold cross-validated ({len(texts)} rows)"
        )
        print(f"{title:9s} polar acc {accuracy:.4f}  macro-F1 {macro:.4f}  plain VADER all rows")


def sample() -> None:
    path = ROOT / "samples" / "en-sourdough" / "comments.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    # The language is detected, as the comments service does.
    for label, read in (("TubeLens", detected_class), ("plain VADER", vader_class)):
        counts = Counter(read(text) for text in texts)
        shown = " / ".join(f"{counts[k]} {k}" for k in ("positive", "neutral", "negative"))
        print(f"sample en-sourdough: {shown} of {len(texts)}  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="also run 5-fold cross-validation")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"no evaluation data at {DATA}")
    held_out("tweets_en", "tweets")
    held_out("sentiment_en", "snippets")
    sample()
    if args.cv:
        cross_validated()


if __name__ == "__main__":
    main()
