"""Dominant colours by k-means in CIE Lab on a downscaled copy, deterministic via a fixed seed."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

SAMPLE_PIXELS = 160 * 90  # k-means runs on at most this many pixels
MERGE_DISTANCE = 10.0  # Lab units (OpenCV 8-bit scale); closer centres are one colour
SEED = 1234


@dataclass(frozen=True, slots=True)
class Swatch:
    bgr: tuple[int, int, int]
    share: float  # of the sampled pixels, 0..1

    @property
    def hex(self) -> str:
        b, g, r = self.bgr
        return f"#{r:02x}{g:02x}{b:02x}"


def dominant_colors(
    image: np.ndarray, count: int = 5, mask: np.ndarray | None = None
) -> list[Swatch]:
    """Up to `count` colours of a BGR image (or of its pixels where `mask` > 0), by share.

    Shares sum to 1. Near-identical clusters are merged, so a two-colour image gives two.
    """
    pixels = _sample(image, mask)
    if len(pixels) == 0:
        return []
    lab = cv2.cvtColor(pixels.reshape(-1, 1, 3), cv2.COLOR_BGR2LAB).reshape(-1, 3)
    # Distinct colours counted as packed integers: np.unique over rows sorts far slower.
    packed = lab.astype(np.int32) @ np.array([1 << 16, 1 << 8, 1], np.int32)
    distinct = len(np.unique(packed))
    k = max(1, min(count, distinct))
    if k == 1:
        centres, labels = lab.mean(axis=0, keepdims=True), np.zeros(len(lab), np.int32)
    else:
        cv2.setRNGSeed(SEED)  # k-means++ draws from OpenCV's per-thread RNG
        criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 30, 0.5)
        _, labels, centres = cv2.kmeans(
            lab.astype(np.float32), k, None, criteria, 1, cv2.KMEANS_PP_CENTERS
        )
        labels = labels.ravel()
    counts = np.bincount(labels, minlength=len(centres)).astype(np.float64)
    # Report each cluster's mean in BGR (exact for flat colours, no Lab round-trip drift).
    bgr_means = np.array(
        [pixels[labels == i].mean(axis=0) if n else np.zeros(3) for i, n in enumerate(counts)]
    )
    merged = _merge_close(centres.astype(np.float64), bgr_means, counts)
    total = sum(n for _, n in merged)
    swatches = [Swatch(_to_bgr(bgr), n / total) for bgr, n in merged if n > 0]
    return sorted(swatches, key=lambda s: s.share, reverse=True)


def _sample(image: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    height, width = image.shape[:2]
    scale = min(1.0, (SAMPLE_PIXELS / max(1, height * width)) ** 0.5)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # Nearest keeps real colours: area-averaging would invent blends at colour borders.
    small = cv2.resize(image, size, interpolation=cv2.INTER_NEAREST)
    if mask is None:
        return small.reshape(-1, 3)
    small_mask = cv2.resize(mask, size, interpolation=cv2.INTER_NEAREST)
    return small[small_mask > 0]


def _merge_close(
    lab_centres: np.ndarray, bgr_means: np.ndarray, counts: np.ndarray
) -> list[tuple[np.ndarray, float]]:
    """Fold clusters whose Lab centres nearly coincide; returns (BGR mean, pixel count)."""
    groups: list[tuple[np.ndarray, np.ndarray, float]] = []  # (lab, bgr, count)
    for index in np.argsort(-counts):
        lab, bgr, n = lab_centres[index], bgr_means[index], float(counts[index])
        for i, (kept_lab, kept_bgr, kept_n) in enumerate(groups):
            if np.linalg.norm(kept_lab - lab) < MERGE_DISTANCE:
                total = max(kept_n + n, 1e-9)
                groups[i] = (
                    (kept_lab * kept_n + lab * n) / total,
                    (kept_bgr * kept_n + bgr * n) / total,
                    kept_n + n,
                )
                break
        else:
            groups.append((lab, bgr, n))
    return [(bgr, n) for _, bgr, n in groups]


def _to_bgr(mean: np.ndarray) -> tuple[int, int, int]:
    b, g, r = (int(v) for v in np.clip(np.round(mean), 0, 255))
    return b, g, r
