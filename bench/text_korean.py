"""Every Korean text-model figure (issue 15), measured on the dev data in ../shared/data.

    .venv/bin/python bench/text_korean.py               # dev accuracy, toxicity CV, speed (~5 min)
    .venv/bin/python bench/text_korean.py --cv          # also sentiment 5-fold CV (~10 min more)
    .venv/bin/python bench/text_korean.py --morphemes   # the same with Kiwi morpheme features

Sentiment, dev: a model trained as the committed one is (same features and C) but on
ko_nsmc_train.tsv alone, scored on all 20,000 rows of ko_nsmc_dev.tsv through the serving
decision (lexicon blend and question rule), at the committed lexicon weight and without it.
Sentiment, CV: 5 folds over the dev file, the training file joining every fold's training.
Toxicity: 5-fold CV over ko_hate_train.tsv, without and with K-MHaS added to the training
folds only. Speed: feature reading per comment (the part that grows with Korean text), with
and without morphemes, cold caches, over 2,000 dev reviews.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import train_text_models as training  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from tubelens.text import classify_toxicity, sentiment  # noqa: E402
from tubelens.text.features import feature_names, hashed_counts  # noqa: E402
from tubelens.text.trained import SPECS  # noqa: E402


def with_morphemes() -> None:
    """Swap the Korean specs' features for the same plus Kiwi morphemes (this run only)."""
    for name in ("sentiment_ko", "toxicity_ko"):
        spec = SPECS[name]
        features = dataclasses.replace(spec.features, morphemes=True)
        SPECS[name] = dataclasses.replace(spec, features=features)


def dev_accuracy() -> None:
    spec = SPECS["sentiment_ko"]
    texts, labels = training.dataset("nsmc_train_ko")
    model = training.fit(training.read_features(texts, spec), np.array(labels), spec)
    dev_texts, dev_labels = training.dataset("sentiment_ko")
    rows, gold = training.read_features(dev_texts, spec), np.array(dev_labels)
    committed = sentiment.LEXICON_WEIGHT["ko"]
    for weight in sorted({0.0, 0.15, 0.3, committed}):
        sentiment.LEXICON_WEIGHT["ko"] = weight
        predicted = np.array(training.predict_matrix("sentiment_ko", model, rows))
        mark = " (committed)" if weight == committed else ""
        print(f"ko dev accuracy          {np.mean(predicted == gold):.4f}  lexicon {weight}{mark}")
    sentiment.LEXICON_WEIGHT["ko"] = committed


def toxicity_with_kmhas() -> float:
    spec = SPECS["toxicity_ko"]
    texts, labels = training.dataset("toxicity_ko")
    rows, gold = training.read_features(texts, spec), np.array(labels)
    extra_rows = training.read_rows("toxicity/ko_kmhas.tsv")
    extra = training.read_features([r["text"] for r in extra_rows], spec)
    extra_gold = np.array([r["hate"] for r in extra_rows])
    predicted = np.empty(len(gold), dtype=object)
    folds = StratifiedKFold(training.FOLDS, shuffle=True, random_state=0)
    for train, test in folds.split(texts, gold):
        model = training.fit(rows[train] + extra, np.concatenate([gold[train], extra_gold]), spec)
        predicted[test] = training.predict_matrix("toxicity_ko", model, rows[test])
    return float(f1_score(gold, predicted.astype(str), average="macro"))


def reading_time(morphemes: bool) -> float:
    """Microseconds per comment to read the features (kiwi's per-text cache is bypassed by
    using texts not read before in this process)."""
    features = dataclasses.replace(SPECS["sentiment_ko"].features, morphemes=morphemes)
    texts = training.dataset("sentiment_ko")[0][2000 * morphemes : 2000 * (morphemes + 1)]
    started = time.perf_counter()
    for text in texts:
        hashed_counts(feature_names(text, features))
    return (time.perf_counter() - started) / len(texts) * 1e6


def homecafe_flags() -> str:
    import json

    path = ROOT / "samples" / "ko-homecafe" / "comments.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    flagged = [t for t in texts if classify_toxicity(t).value != "none"]
    return f"{len(flagged)} of {len(texts)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="also sentiment 5-fold CV (slow)")
    parser.add_argument("--morphemes", action="store_true", help="add Kiwi morpheme features")
    args = parser.parse_args()
    if not training.DATA.is_dir():
        sys.exit(f"no evaluation data at {training.DATA}")
    if args.morphemes:
        with_morphemes()
    print(f"features: {SPECS['sentiment_ko'].features}")
    dev_accuracy()
    if args.cv:
        accuracy = training.cross_validate("sentiment_ko", log=lambda _: None)["ko_accuracy"]
        print(f"ko accuracy              {accuracy:.4f}  (5-fold CV on the dev file)")
    plain = training.cross_validate("toxicity_ko", log=lambda _: None)["toxicity_macro_f1"]
    print(f"toxicity macro-F1        {plain:.4f}  (5-fold CV, ko_hate_train alone)")
    print(f"toxicity macro-F1        {toxicity_with_kmhas():.4f}  (5-fold CV, + K-MHaS)")
    print(f"homecafe flagged toxic   {homecafe_flags()}  (committed model)")
    for morphemes in (False, True):
        label = "with" if morphemes else "without"
        micros = reading_time(morphemes)
        print(f"feature reading          {micros:.0f} us/comment {label} morphemes")


if __name__ == "__main__":
    main()
