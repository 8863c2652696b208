"""How far bag-of-n-gram models go on the Korean dev sets, independent of TubeLens's pipeline.

    .venv/bin/python bench/text_ceiling.py      # about 4 min on 2 cores

Two figures behind the Korean targets TubeLens does not reach (issue 5):
- a learning curve for Korean sentiment: scikit-learn TF-IDF character 1-5-grams plus kiwipiepy
  morpheme 1-3-grams, naive-Bayes scaled, logistic regression, trained on a quarter, a half and
  all of each 5-fold training split; the slope says how many rows a higher accuracy would need;
- standard baselines for Korean toxicity (macro-F1, hate / offensive / none, 5 folds): the same
  features with a class-balanced logistic regression and a linear SVM.
Reads ../shared/data; nothing here is used at run time.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from kiwipiepy import Kiwi
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from train_text_models import DATA, dataset, nb_ratios  # noqa: E402

_REPEATS = re.compile(r"(.)\1{2,}")


def _views(texts: list[str]) -> tuple[list[str], list[str]]:
    """(texts with long repeats cut to two, space-joined form/tag morphemes)."""
    kiwi = Kiwi(num_workers=2)
    morphemes = [" ".join(f"{t.form}/{t.tag[:2]}" for t in toks) for toks in kiwi.tokenize(texts)]
    return [_REPEATS.sub(r"\1\1", text) for text in texts], morphemes


def _features(chars: list[str], morphemes: list[str], train: np.ndarray, test: np.ndarray):
    by_char = TfidfVectorizer(analyzer="char", ngram_range=(1, 5), sublinear_tf=True, min_df=2)
    by_morpheme = TfidfVectorizer(
        tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=(1, 3),
        sublinear_tf=True, min_df=2,
    )  # fmt: skip
    fitted = hstack([
        by_char.fit_transform([chars[i] for i in train]),
        by_morpheme.fit_transform([morphemes[i] for i in train]),
    ]).tocsr()  # fmt: skip
    applied = hstack([
        by_char.transform([chars[i] for i in test]),
        by_morpheme.transform([morphemes[i] for i in test]),
    ]).tocsr()  # fmt: skip
    return fitted, applied


def _nb_scaled(train: csr_matrix, test: csr_matrix, positive: np.ndarray):
    ratios = nb_ratios(train, positive, extra_columns=np.zeros(0, dtype=np.int64))
    return train.multiply(ratios).tocsr(), test.multiply(ratios).tocsr()


def sentiment_learning_curve(log: Callable[[str], None] = print) -> None:
    texts, labels = dataset("sentiment_ko", DATA)
    gold = np.array(labels) == "positive"
    chars, morphemes = _views(texts)
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(texts, gold))
    shuffle = np.random.default_rng(0)
    for share in (0.25, 0.5, 1.0):
        correct = 0
        for train, test in folds:
            train = shuffle.permutation(train)[: int(len(train) * share)]
            fitted, applied = _features(chars, morphemes, train, test)
            fitted, applied = _nb_scaled(fitted, applied, gold[train])
            model = LogisticRegression(C=4, solver="liblinear").fit(fitted, gold[train])
            correct += int((model.predict(applied) == gold[test]).sum())
        rows = int(len(texts) * 0.8 * share)
        log(f"ko sentiment, {rows:6,d} training rows   accuracy {correct / len(texts):.4f}")


def toxicity_baselines(log: Callable[[str], None] = print) -> None:
    texts, labels = dataset("toxicity_ko", DATA)
    gold = np.array(labels)
    chars, morphemes = _views(texts)
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(texts, gold))
    for name, make in (
        ("logistic regression, C=1", lambda: LogisticRegression(C=1, class_weight="balanced")),
        ("linear SVM, C=0.3", lambda: LinearSVC(C=0.3, class_weight="balanced")),
    ):
        predicted = np.empty(len(gold), dtype=object)
        for train, test in folds:
            fitted, applied = _features(chars, morphemes, train, test)
            predicted[test] = make().fit(fitted, gold[train]).predict(applied)
        macro = f1_score(gold, predicted.astype(str), average="macro")
        log(f"ko toxicity, {name:26s} macro-F1 {macro:.4f}")


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"no evaluation data at {DATA}: this benchmark needs ../shared/data")
    started = time.perf_counter()
    sentiment_learning_curve()
    toxicity_baselines()
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
