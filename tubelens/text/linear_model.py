"""Committed linear models over hashed features: loading the .npz and predicting with numpy.

Each model file holds `weights` (one row per class, or one row for a binary model), `bias`,
`classes`, `features` (the FeatureSet it reads) and `idf` (the inverse document frequency of
each hashed column in the training rows), written by scripts/train_text_models.py.
Prediction needs only numpy, so a serving container carries no training library.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import numpy as np

from tubelens.text.features import FeatureSet, feature_names, hashed_counts, weighted_row


@lru_cache(maxsize=16)
def _text_row(text: str, features: FeatureSet) -> tuple[np.ndarray, np.ndarray]:
    # Sentiment and toxicity read the same comment one after the other: hash it once.
    return hashed_counts(feature_names(text, features))


@dataclass(frozen=True)
class LinearTextModel:
    weights: np.ndarray  # (rows, DIMENSIONS) float16
    bias: np.ndarray  # (rows,)
    classes: tuple[str, ...]
    features: FeatureSet
    idf: np.ndarray  # (DIMENSIONS,) float16

    def probabilities(self, text: str, extra: dict[str, float] | None = None) -> dict[str, float]:
        """Class -> probability for one text (softmax, or a sigmoid for two classes)."""
        indexes, values = weighted_row(_text_row(text, self.features), self.idf, extra)
        logits = self.weights[:, indexes].astype(np.float64) @ values + self.bias
        if len(self.classes) == 2 and len(logits) == 1:
            positive = 1.0 / (1.0 + np.exp(-logits[0]))
            return {self.classes[0]: 1.0 - positive, self.classes[1]: float(positive)}
        shifted = np.exp(logits - logits.max())
        shares = shifted / shifted.sum()
        return {label: float(share) for label, share in zip(self.classes, shares, strict=True)}

    def predict(self, text: str, extra: dict[str, float] | None = None) -> str:
        scores = self.probabilities(text, extra)
        return max(scores, key=scores.__getitem__)


@cache
def load_model(name: str) -> LinearTextModel:
    """A model from tubelens/text/models/<name>.npz (read once per process)."""
    with files("tubelens.text.models").joinpath(f"{name}.npz").open("rb") as handle:
        data = np.load(handle, allow_pickle=False)
        return LinearTextModel(
            weights=data["weights"],
            bias=data["bias"].astype(np.float64),
            classes=tuple(str(label) for label in data["classes"]),
            features=FeatureSet.from_array(data["features"]),
            idf=data["idf"].astype(np.float32),
        )


def save_model(path: str, model: LinearTextModel) -> None:
    """Write a model the way load_model reads it (used by the training script)."""
    np.savez_compressed(
        path,
        weights=model.weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
        classes=np.array(model.classes),
        features=model.features.as_array(),
        idf=model.idf.astype(np.float16),
    )
