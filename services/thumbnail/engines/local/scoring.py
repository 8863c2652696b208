"""How a thumbnail's 0..100 score is made: six criteria, each 0..100, with fixed weights.

| criterion   | weight | 100 when                              | 0 when                          |
|-------------|--------|---------------------------------------|---------------------------------|
| resolution  | 0.15   | ≥1280x720 and 16:9                    | tiny, or far from 16:9          |
| exposure    | 0.15   | mean brightness 0.35..0.70            | brightness ≤0.05 or ≥0.95       |
| contrast    | 0.20   | RMS contrast ≥0.22                    | RMS contrast 0 (flat)           |
| colour      | 0.15   | colourfulness ≥60 ("quite colourful") | colourfulness 0 (gray)          |
| faces       | 0.15   | largest face ≥6% of the frame         | never; no face scores 40        |
| simplicity  | 0.20   | edge density ≤0.04                    | edge density ≥0.16 (busy)       |

Between the anchors each criterion is linear. The overall score is the weighted sum, rounded.
The resolution criterion is the share of 1280x720 the short-side-limited size reaches,
times an aspect factor (1 - 1.5 x relative distance from 16:9; 4:3 gives 0.63).
"""

from __future__ import annotations

from services.thumbnail.domain import Criterion, Face
from services.thumbnail.engines.local.metrics import (
    RECOMMENDED_HEIGHT,
    RECOMMENDED_WIDTH,
    Measurements,
)

WEIGHTS = {
    "resolution": 0.15,
    "exposure": 0.15,
    "contrast": 0.20,
    "colour": 0.15,
    "faces": 0.15,
    "simplicity": 0.20,
}
NO_FACE_SCORE = 40.0  # many good thumbnails have no face; it is a missed chance, not a defect
CROWD_PENALTY = 15.0  # more than four faces: none stands out at small sizes


def score_criteria(m: Measurements, faces: tuple[Face, ...]) -> tuple[Criterion, ...]:
    """Each criterion scored 0..100, in the order of WEIGHTS."""
    scores = {
        "resolution": _resolution(m),
        "exposure": _band(m.brightness, 0.05, 0.35, 0.70, 0.95),
        "contrast": _ramp(m.contrast, 0.0, 0.22),
        "colour": _ramp(m.colorfulness, 0.0, 60.0),
        "faces": _faces(faces),
        "simplicity": 100.0 - _ramp(m.edge_density, 0.04, 0.16),
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
    return score - CROWD_PENALTY if len(faces) > 4 else score


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
