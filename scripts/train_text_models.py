"""Train the committed text models on ../shared/data and report k-fold cross-validated figures.

    .venv/bin/python scripts/train_text_models.py            # cross-validate, then train and save
    .venv/bin/python scripts/train_text_models.py --cv-only  # figures only, nothing written

Each model is a logistic regression (liblinear, one-vs-rest for three classes) over the hashed
features of tubelens/text/features.py plus the extras in tubelens/text/trained.py. The saved
model is trained on every row except a fixed tenth (crc32(text) % 10 == 0), which the unit
tests keep for a held-out check; the cross-validated figures use all rows.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tubelens.text.features import DIMENSIONS, feature_names, hashed_row  # noqa: E402
from tubelens.text.linear_model import LinearTextModel, save_model  # noqa: E402
from tubelens.text.questions import is_question  # noqa: E402
from tubelens.text.sentiment import decide, lexicon_score  # noqa: E402
from tubelens.text.toxicity import decide_toxicity  # noqa: E402
from tubelens.text.trained import SPECS, ModelSpec  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
MODELS = ROOT / "tubelens" / "text" / "models"
FOLDS = 5


def read_rows(relative: str, data: Path = DATA) -> list[dict[str, str]]:
    with (data / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def english_label(valence: float) -> str:
    """The data README's convention: >= +0.5 positive, <= -0.5 negative, else neutral."""
    return "positive" if valence >= 0.5 else "negative" if valence <= -0.5 else "neutral"


def dataset(name: str, data: Path = DATA) -> tuple[list[str], list[str]]:
    """(texts, labels) of the dev set a model learns from."""
    if name == "sentiment_en":
        rows = read_rows("sentiment/en_vader_snippets.tsv", data)
        return [r["text"] for r in rows], [english_label(float(r["valence"])) for r in rows]
    if name == "sentiment_ko":
        rows = read_rows("sentiment/ko_nsmc_dev.tsv", data)
        return [r["text"] for r in rows], [r["label"] for r in rows]
    rows = read_rows("toxicity/ko_hate_train.tsv", data)
    return [r["text"] for r in rows], [r["hate"] for r in rows]


def is_held_out(text: str) -> bool:
    """The fixed tenth the committed models never see (the tests evaluate on it)."""
    return zlib.crc32(text.encode("utf-8")) % 10 == 0


def feature_matrix(texts: list[str], spec: ModelSpec) -> csr_matrix:
    indexes, values, pointers = [], [], [0]
    for text in texts:
        row_indexes, row_values = hashed_row(feature_names(text, spec.features), spec.extras(text))
        indexes.append(row_indexes)
        values.append(row_values)
        pointers.append(pointers[-1] + len(row_indexes))
    return csr_matrix(
        (np.concatenate(values), np.concatenate(indexes), pointers),
        shape=(len(texts), DIMENSIONS),
    )


def fit(matrix: csr_matrix, labels: np.ndarray, spec: ModelSpec) -> LinearTextModel:
    base = LogisticRegression(
        C=spec.regularization,
        solver="liblinear",
        class_weight="balanced" if spec.balanced else None,
        max_iter=2000,
    )
    classes = sorted(set(labels))
    if len(classes) == 2:
        base.fit(matrix, labels)
        weights, bias = base.coef_, base.intercept_
    else:
        model = OneVsRestClassifier(base).fit(matrix, labels)
        weights = np.vstack([estimator.coef_ for estimator in model.estimators_])
        bias = np.concatenate([estimator.intercept_ for estimator in model.estimators_])
    return LinearTextModel(weights, bias, tuple(str(c) for c in classes), spec.features)


def probability_matrix(model: LinearTextModel, matrix: csr_matrix) -> np.ndarray:
    """Class probabilities per row, computed as LinearTextModel.probabilities does."""
    logits = np.asarray(matrix @ model.weights.T.astype(np.float64)) + model.bias
    if logits.shape[1] == 1:
        positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
        return np.column_stack([1.0 - positive, positive])
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def predict_matrix(
    name: str, model: LinearTextModel, matrix: csr_matrix, texts: list[str]
) -> list[str]:
    """Labels as the serving path gives them (sentiment: with the neutral rule applied)."""
    probabilities = probability_matrix(model, matrix)
    if not name.startswith("sentiment_"):
        return [
            decide_toxicity(dict(zip(model.classes, row, strict=True))).value
            for row in probabilities
        ]
    language = name.removeprefix("sentiment_")
    return [
        decide(
            dict(zip(model.classes, row, strict=True)),
            lexicon_score(text, language),
            language,
            is_question(text, language),
        )[1].value
        for row, text in zip(probabilities, texts, strict=True)
    ]


def figures(name: str, gold: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """The issue's figure(s) for one model."""
    if name == "sentiment_en":
        polar = gold != "neutral"
        return {
            "en_polar_accuracy": accuracy_score(gold[polar], predicted[polar]),
            "en_macro_f1": f1_score(gold, predicted, average="macro"),
        }
    if name == "sentiment_ko":  # a neutral answer counts as wrong
        return {"ko_accuracy": accuracy_score(gold, predicted)}
    return {"toxicity_macro_f1": f1_score(gold, predicted, average="macro")}


def cross_validate(
    name: str, data: Path = DATA, log: Callable[[str], None] = print
) -> dict[str, float]:
    """k-fold cross-validated figures over all rows of the model's dev set."""
    spec = SPECS[name]
    texts, labels = dataset(name, data)
    matrix, gold = feature_matrix(texts, spec), np.array(labels)
    predicted = np.empty(len(gold), dtype=object)
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    for number, (train, test) in enumerate(folds.split(matrix, gold), start=1):
        model = fit(matrix[train], gold[train], spec)
        predicted[test] = predict_matrix(name, model, matrix[test], [texts[i] for i in test])
        log(f"  {name}: fold {number}/{FOLDS} done")
    return figures(name, gold, predicted.astype(str))


def train_and_save(name: str) -> Path:
    spec = SPECS[name]
    texts, labels = dataset(name)
    kept = [(t, y) for t, y in zip(texts, labels, strict=True) if not is_held_out(t)]
    matrix = feature_matrix([t for t, _ in kept], spec)
    model = fit(matrix, np.array([y for _, y in kept]), spec)
    path = MODELS / f"{name}.npz"
    save_model(str(path), model)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="print figures, write nothing")
    parser.add_argument("--no-cv", action="store_true", help="train and save, skip the figures")
    parser.add_argument("models", nargs="*", default=sorted(SPECS), help="models to train")
    args = parser.parse_args()
    for name in args.models:
        started = time.perf_counter()
        for figure, value in ({} if args.no_cv else cross_validate(name)).items():
            print(f"{figure:24s} {value:.4f}  ({FOLDS}-fold cross-validated)", flush=True)
        if not args.cv_only:
            path = train_and_save(name)
            print(f"  wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.2f} MB)")
        print(f"  {name}: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
