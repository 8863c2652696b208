"""The training pipeline (scripts/train_text_models.py) and the serving path read a text alike."""

import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from tubelens.text.features import FeatureSet
from tubelens.text.linear_model import LinearTextModel, save_model
from tubelens.text.trained import ModelSpec

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))
import train_text_models as training

TEXTS = [
    "great bread, loved it",
    "loved the crumb, great tips",
    "awful recipe, flat loaf",
    "flat and dense, awful",
    "the oven is at 250 degrees",
    "the starter lives in the fridge",
    "great tips but a flat loaf",
    "awful audio, great bread",
]
LABELS = np.array(
    ["positive", "positive", "negative", "negative"] + ["neutral"] * 2 + ["positive", "negative"]
)
SPEC = ModelSpec("sentiment_en", FeatureSet(char_range=(2, 4)), 2.0, balanced=False, nb=True)


def test_serving_probabilities_equal_the_training_pipeline():
    rows = training.read_features(TEXTS, SPEC)
    model = training.fit(rows, LABELS, SPEC)
    expected = training.probability_matrix(model, rows)
    for text, row in zip(TEXTS, expected, strict=True):
        served = model.probabilities(text, SPEC.extras(text))
        assert [served[label] for label in model.classes] == pytest.approx(row, abs=1e-9)


def test_naive_bayes_ratios_are_folded_into_the_saved_weights():
    binary = np.where(LABELS == "positive", "positive", "negative")
    rows = training.read_features(TEXTS, SPEC)
    model = training.fit(rows, binary, SPEC)
    matrix = training.model_input(rows, model.idf)
    extra_columns = np.flatnonzero(np.asarray(rows.extras.sum(axis=0)).ravel())
    ratios = training.nb_ratios(rows.counts, binary == "positive", extra_columns)
    reference = LogisticRegression(C=SPEC.regularization, solver="liblinear", max_iter=2000)
    reference.fit(matrix.multiply(ratios).tocsr(), binary == "positive")
    folded = training.probability_matrix(model, rows)[:, 1]
    direct = reference.predict_proba(matrix.multiply(ratios).tocsr())[:, 1]
    assert folded == pytest.approx(direct, abs=1e-9)


def test_columns_seen_in_one_training_row_are_dropped():
    rows = training.read_features(
        ["alpha beta", "alpha gamma"],
        ModelSpec("toxicity_ko", FeatureSet(char_range=(0, 0)), 1.0, balanced=False),
    )
    idf = training.smooth_idf(rows.counts)
    present = np.bincount(rows.counts.indices, minlength=idf.size)
    assert np.all(idf[present == 1] == 0)  # beta, gamma and their word pairs
    assert np.all(idf[present == 2] > 0)  # alpha


def test_saved_model_keeps_weights_idf_and_features(tmp_path):
    rows = training.read_features(TEXTS, SPEC)
    model: LinearTextModel = training.fit(rows, LABELS, SPEC)
    save_model(str(tmp_path / "model.npz"), model)
    stored = np.load(tmp_path / "model.npz")
    assert set(stored.files) == {"weights", "bias", "classes", "features", "idf"}
    assert stored["idf"] == pytest.approx(model.idf, rel=1e-3)
    assert FeatureSet.from_array(stored["features"]) == SPEC.features
