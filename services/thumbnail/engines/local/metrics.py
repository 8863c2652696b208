"""The measurements a thumbnail review is built from.

All are computed on the BGR analysis copy; size and aspect come from the original upload.
- brightness: mean luma (Rec. 601 weights) scaled to 0..1.
- contrast: RMS contrast, the standard deviation of that luma, 0..1 (0.5 is black/white halves).
- colorfulness: Hasler & Süsstrunk (2003), M = σ_rgyb + 0.3·μ_rgyb on 0..255 channels;
  ~0 for gray, ~33 "moderately", ~59 "quite", 80+ "highly" colourful.
- edge_density: share of Canny edge pixels on a copy resized to 640x360 worth of pixels,
  so the figure does not depend on the upload's resolution. Busy images score high.
- palette: dominant colours by k-means (see tubelens.vision.palette).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from tubelens.vision.palette import Swatch, dominant_colors

RECOMMENDED_WIDTH, RECOMMENDED_HEIGHT = 1280, 720
RECOMMENDED_ASPECT = RECOMMENDED_WIDTH / RECOMMENDED_HEIGHT
EDGE_SAMPLE_PIXELS = 640 * 360


@dataclass(frozen=True, slots=True)
class Measurements:
    width: int
    height: int
    aspect_ratio: float
    meets_recommended_size: bool
    brightness: float
    contrast: float
    colorfulness: float
    edge_density: float
    palette: tuple[Swatch, ...]

    @property
    def aspect_deviation(self) -> float:
        """Relative distance of the aspect ratio from 16:9 (0 = exact)."""
        return abs(self.aspect_ratio - RECOMMENDED_ASPECT) / RECOMMENDED_ASPECT


def measure(image: np.ndarray, width: int, height: int) -> Measurements:
    """Measure a BGR image whose upload was `width` x `height` pixels."""
    # Mean and standard deviation straight from the 8-bit luma: no float copy of the image.
    luma = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    mean, std = (float(v[0, 0]) / 255.0 for v in cv2.meanStdDev(luma))
    return Measurements(
        width=width,
        height=height,
        aspect_ratio=width / height,
        meets_recommended_size=width >= RECOMMENDED_WIDTH and height >= RECOMMENDED_HEIGHT,
        brightness=mean,
        contrast=std,
        # Colour statistics need no detail: a quarter of the pixels gives the same figure.
        colorfulness=colorfulness(
            cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        ),
        edge_density=edge_density(image),
        palette=tuple(dominant_colors(image, count=5)),
    )


def colorfulness(image: np.ndarray) -> float:
    """Hasler & Süsstrunk colourfulness of a BGR image."""
    b, g, r = (image[:, :, i].astype(np.float64) for i in range(3))
    rg = r - g
    yb = 0.5 * (r + g) - b
    spread = np.hypot(rg.std(), yb.std())
    offset = np.hypot(rg.mean(), yb.mean())
    return float(spread + 0.3 * offset)


def edge_density(image: np.ndarray) -> float:
    """Share of edge pixels, measured at a fixed 640x360-equivalent pixel count."""
    height, width = image.shape[:2]
    scale = (EDGE_SAMPLE_PIXELS / (height * width)) ** 0.5
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    gray = cv2.cvtColor(cv2.resize(image, size, interpolation=interpolation), cv2.COLOR_BGR2GRAY)
    # Light blur first so JPEG noise and film grain do not count as detail.
    edges = cv2.Canny(cv2.GaussianBlur(gray, (3, 3), 0), 80, 160)
    return float(np.count_nonzero(edges)) / edges.size
