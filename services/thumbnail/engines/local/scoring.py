"""How a thumbnail's 0..100 score is made: eight criteria, each 0..100, with fixed weights.

| criterion   | weight | 100 when                                | 0 when                      |
|-------------|--------|-----------------------------------------|-----------------------------|
| resolution  | 0.10   | ≥1280x720 and 16:9                      | tiny, or far from 16:9      |
| exposure    | 0.10   | mean brightness 0.35..0.70              | brightness ≤0.05 or ≥0.95   |
| contrast    | 0.15   | RMS contrast ≥0.22                      | RMS contrast 0 (flat)       |
| colour      | 0.10   | colourfulness ≥60 ("quite colourful")   | colourfulness 0 (gray)      |
| faces       | 0.15   | largest face ≥6% of frame (smile +10)   | never; no face scores 40    |
| simplicity  | 0.10   | edge density ≤0.04                      | edge density ≥0.16 (busy)   |
| text        | 0.20   | all words readable at 168x94, ≥3:1, ≤5  | never; no text scores 60    |
| composition | 0.10   | centre on a thirds point, badge clear   | far off, badge covers it    |

Text: 50 x share of words readable at 168x94 + 30 x share with contrast ≥3:1 + 20 x a word-count
factor (1 up to five words, then -0.1 a word). Composition: 60 x (1 - thirds distance / 0.3)
+ 40 if the duration-badge corner covers nothing important.

Between the anchors each criterion is linear. The overall score is the weighted sum, rounded.
The resolution criterion is the share of 1280x720 the short-side-limited size reaches,
times an aspect factor (1 - 1.5 x relative distance from 16:9; 4:3 gives 0.63).
"""

from __future__ import annotations

from services.thumbnail.domain import Composition, Criterion, Face, ThumbnailText
from services.thumbnail.engines.local.metrics import (
    RECOMMENDED_HEIGHT,
    RECOMMENDED_WIDTH,
    Measurements,
)
from services.thumbnail.engines.local.text import MIN_CONTRAST_RATIO

WEIGHTS = {
    "resolution": 0.10,
    "exposure": 0.10,
    "contrast": 0.15,
    "colour": 0.10,
    "faces": 0.15,
    "simplicity": 0.10,
    "text": 0.20,
    "composition": 0.10,
}
NO_TEXT_SCORE = 60.0  # text helps most thumbnails, but many fine ones have none
NO_FACE_SCORE = 40.0  # many good thumbnails have no face; it is a missed chance, not a defect
CROWD_PENALTY = 15.0  # more than four faces: none stands out at small sizes


def score_criteria(
    m: Measurements,
    faces: tuple[Face, ...],
    texts: tuple[ThumbnailText, ...] = (),
    layout: Composition | None = None,
) -> tuple[Criterion, ...]:
    """Each criterion scored 0..100, in the order of WEIGHTS."""
    scores = {
        "resolution": _resolution(m),
        "exposure": _band(m.brightness, 0.05, 0.35, 0.70, 0.95),
        "contrast": _ramp(m.contrast, 0.0, 0.22),
        "colour": _ramp(m.colorfulness, 0.0, 60.0),
        "faces": _faces(faces),
        "simplicity": 100.0 - _ramp(m.edge_density, 0.04, 0.16),
        "text": _text(texts),
        "composition": _composition(layout),
    }
    return tuple(
        Criterion(name=name, weight=weight, score=round(scores[name], 1))
        for name, weight in WEIGHTS.items()
    )


def overall_score(criteria: tuple[Criterion, ...]) -> int:
    return round(sum(c.weight * c.score for c in criteria))


def _resolution(m: Measurements) -> float:
    coverage = min(1.0, m.width / RECOMMENDED_WIDTH, m.height / RECOMMENDED_HEIGHT)
    aspect_factor = max(0.0, 1.0 - 1.5 * m.aspect_deviation)
    return 100.0 * coverage * aspect_factor


def _faces(faces: tuple[Face, ...]) -> float:
    if not faces:
        return NO_FACE_SCORE
    score = 50.0 + 0.5 * _ramp(faces[0].area_share, 0.0, 0.06)
    score = min(100.0, score + (10.0 if faces[0].smiling else 0.0))
    return score - CROWD_PENALTY if len(faces) > 4 else score


def _text(texts: tuple[ThumbnailText, ...]) -> float:
    if not texts:
        return NO_TEXT_SCORE
    readable = sum(t.legible_small for t in texts) / len(texts)
    contrasted = sum(t.contrast_ratio >= MIN_CONTRAST_RATIO for t in texts) / len(texts)
    brevity = max(0.0, 1.0 - 0.1 * max(0, len(texts) - 5))
    return 50.0 * readable + 30.0 * contrasted + 20.0 * brevity


def _composition(layout: Composition | None) -> float:
    if layout is None:
        return 50.0
    thirds = max(0.0, 1.0 - layout.thirds_distance / 0.3)
    return 60.0 * thirds + (0.0 if layout.badge_covers else 40.0)


def _ramp(value: float, low: float, high: float) -> float:
    """0 at `low`, 100 at `high`, linear between, clamped."""
    return 100.0 * min(1.0, max(0.0, (value - low) / (high - low)))


def _band(
    value: float, zero_low: float, full_low: float, full_high: float, zero_high: float
) -> float:
    """100 inside [full_low, full_high], falling linearly to 0 at the zero_* ends."""
    if value < full_low:
        return _ramp(value, zero_low, full_low)
    if value > full_high:
        return 100.0 - _ramp(value, full_high, zero_high)
    return 100.0
