"""Where the eye goes first: spectral-residual saliency and what it says about composition.

Spectral residual (Hou & Zhang, CVPR 2007): the log amplitude spectrum of a small grayscale
copy minus its local average is the "unexpected" part of the image; transformed back and
blurred, it peaks on the objects that stand out from their surroundings.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from tubelens.vision.youtube_display import BADGE_CORNER

SALIENCY_SIDE = 64  # Hou & Zhang work at 64 px; finer adds noise, not accuracy
THIRDS = ((1 / 3, 1 / 3), (2 / 3, 1 / 3), (1 / 3, 2 / 3), (2 / 3, 2 / 3))


@dataclass(frozen=True, slots=True)
class Composition:
    centre: tuple[float, float]  # saliency-weighted centre, fractions of width/height
    peak_box: tuple[float, float, float, float]  # x, y, w, h of the salient region (fractions)
    thirds_distance: float  # from the salient centre to the nearest thirds point (0 = on it)
    badge_salience: float  # saliency in the badge corner relative to an even spread (1 = even)


def saliency_map(image: np.ndarray) -> np.ndarray:
    """Saliency of a BGR image, float32 0..1, at the image's own size."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.float32)
    small = cv2.resize(gray, (SALIENCY_SIDE, SALIENCY_SIDE), interpolation=cv2.INTER_AREA)
    spectrum = np.fft.fft2(small)
    log_amplitude = np.log(np.abs(spectrum) + 1e-6)
    residual = log_amplitude - cv2.blur(log_amplitude, (3, 3))
    back = np.fft.ifft2(np.exp(residual + 1j * np.angle(spectrum)))
    saliency = cv2.GaussianBlur((np.abs(back) ** 2).astype(np.float32), (0, 0), 2.5)
    saliency = cv2.resize(saliency, (image.shape[1], image.shape[0]))
    return saliency / max(float(saliency.max()), 1e-9)


def composition(image: np.ndarray) -> Composition:
    saliency = saliency_map(cv2.resize(image, (256, 144), interpolation=cv2.INTER_AREA))
    height, width = saliency.shape
    weights = saliency * (saliency > 0.3)  # ignore the faint floor everywhere
    total = max(float(weights.sum()), 1e-9)
    ys, xs = np.mgrid[0:height, 0:width]
    cx = float((weights * xs).sum() / total) / width
    cy = float((weights * ys).sum() / total) / height
    peak = np.argwhere(saliency > 0.5)
    (y0, x0), (y1, x1) = peak.min(axis=0), peak.max(axis=0) + 1
    corner = saliency[round(BADGE_CORNER[1] * height) :, round(BADGE_CORNER[0] * width) :]
    corner_share = float(corner.sum()) / max(float(saliency.sum()), 1e-9)
    area_share = corner.size / saliency.size
    return Composition(
        centre=(round(cx, 3), round(cy, 3)),
        peak_box=(x0 / width, y0 / height, (x1 - x0) / width, (y1 - y0) / height),
        thirds_distance=round(min(float(np.hypot(cx - tx, cy - ty)) for tx, ty in THIRDS), 3),
        badge_salience=round(corner_share / area_share, 2),
    )
