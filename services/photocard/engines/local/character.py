"""Turn a head-and-shoulders crop into a cel-shaded "animated character" with transparency.

After Winnemöller, Olsen & Gooch, "Real-time video abstraction" (SIGGRAPH 2006), plus a
cut-out and lighting pass:
1. repeated bilateral filtering in Lab flattens skin and cloth into paint-like areas;
2. lightness is soft-quantised into a few bands: the hard-edged shading of cel animation;
3. colour (a, b) is pulled towards a small k-means palette of the subject's own colours;
4. ink lines are an extended difference of Gaussians (XDoG) on the lightly smoothed
   lightness, with specks removed, plus a bold outline around the cut-out silhouette;
5. a soft rim light along the upper-left edge separates the figure from any background.
"""

from __future__ import annotations

import cv2
import numpy as np

BILATERAL_PASSES, EDGE_PASS = 6, 2  # lines are taken after 2 passes, colours after 6
SHADE_BANDS = 7  # across Lab L 0..100
PALETTE_SIZE = 10
CHROMA_BOOST = 1.25  # animation colours are cleaner and more saturated than photos
LIGHT_DIRECTION = np.array([-0.6, -0.8])  # (x, y): light from the upper left
RIM_COLOUR = np.array([1.0, 0.98, 0.94])  # BGR 0..1, a warm white
INK_COLOUR = np.array([0.16, 0.11, 0.13])  # BGR 0..1, a deep plum-brown, softer than black


def draw_character(portrait: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """RGBA uint8 character from a square BGR portrait and the person's alpha (0..1)."""
    lab, edge_lightness = _abstract(portrait)
    lab[..., 0] = _cel_bands(100.0 * (lab[..., 0] / 100.0) ** 0.9)  # slightly brighter
    lab[..., 1:] = _palette_chroma(lab, alpha > 0.5) * CHROMA_BOOST
    colour = cv2.cvtColor(lab, cv2.COLOR_LAB2BGR)  # float 0..1
    lit = _rim_light(colour * _strokes(edge_lightness)[..., None], alpha)
    outlined, alpha = _outline(lit, alpha)
    rgba = cv2.cvtColor(np.clip(outlined * 255.0, 0, 255).astype(np.uint8), cv2.COLOR_BGR2RGBA)
    rgba[:, :, 3] = np.round(alpha * 255.0).astype(np.uint8)
    return rgba


def _abstract(photo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bilateral-smoothed Lab (L 0..100) and the lightness after the first passes, for lines."""
    lab = cv2.cvtColor(photo.astype(np.float32) / 255.0, cv2.COLOR_BGR2LAB)
    edge_lightness = lab[..., 0]
    for index in range(BILATERAL_PASSES):
        lab = cv2.bilateralFilter(lab, d=9, sigmaColor=10.0, sigmaSpace=5.0)
        if index + 1 == EDGE_PASS:
            edge_lightness = lab[..., 0].copy()
    return lab, edge_lightness


def _cel_bands(lightness: np.ndarray, sharpness: float = 1.2) -> np.ndarray:
    """Soft-step quantisation: flat bands with anti-aliased (tanh) transitions."""
    step = 100.0 / SHADE_BANDS
    nearest = np.round(lightness / step) * step
    return nearest + step / 2.0 * np.tanh(sharpness * (lightness - nearest))


def _palette_chroma(lab: np.ndarray, subject: np.ndarray, own_share: float = 0.5) -> np.ndarray:
    """Each pixel's (a, b) blended with its k-means cluster's, so areas read as one colour."""
    features = np.concatenate([lab[..., :1] * 0.4, lab[..., 1:]], axis=2).reshape(-1, 3)
    pool = features[subject.reshape(-1)] if subject.any() else features
    rng = np.random.default_rng(7)
    sample = pool[rng.choice(len(pool), size=min(len(pool), 20000), replace=False)]
    cv2.setRNGSeed(7)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    k = min(PALETTE_SIZE, len(sample))
    _, _, centres = cv2.kmeans(sample, k, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    # Nearest centre via |x|^2 - 2x.c + |c|^2: one matrix product instead of a 3-D array.
    distances = -2.0 * features @ centres.T + (centres * centres).sum(axis=1)
    nearest = centres[distances.argmin(axis=1), 1:].reshape((*lab.shape[:2], 2))
    return own_share * lab[..., 1:] + (1.0 - own_share) * nearest


def _strokes(lightness: np.ndarray) -> np.ndarray:
    """Multiplier 0 (ink) .. 1 (paper): XDoG strokes along strong lightness edges."""
    sigma = 1.6 * lightness.shape[1] / 768
    fine = cv2.GaussianBlur(lightness, (0, 0), sigma)
    coarse = cv2.GaussianBlur(lightness, (0, 0), sigma * 1.6)
    difference = fine - 0.98 * coarse
    strokes = np.where(difference > 0, 1.0, 1.0 + np.tanh(2.0 * difference)).astype(np.float32)
    # Drop specks (skin pores, hair texture): keep only strokes of some length.
    count, labels, stats, _ = cv2.connectedComponentsWithStats((strokes < 0.6).astype(np.uint8))
    long_enough = np.zeros(count, bool)
    long_enough[1:] = stats[1:, cv2.CC_STAT_AREA] >= 60
    near_stroke = cv2.dilate(long_enough[labels].astype(np.uint8), np.ones((3, 3), np.uint8))
    return np.where(near_stroke > 0, strokes, 1.0)


def _outline(colour: np.ndarray, alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A bold ink line straddling the silhouette; it also hides the cut-out's fringe."""
    width = max(3, alpha.shape[1] // 160)
    silhouette = (alpha > 0.5).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width, width))
    band = cv2.morphologyEx(silhouette, cv2.MORPH_GRADIENT, kernel).astype(np.float32)
    band = cv2.GaussianBlur(band, (3, 3), 0)
    line = band[..., None]
    return colour * (1.0 - line) + INK_COLOUR * line, np.maximum(alpha, band)


def _rim_light(colour: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Brighten a thin band inside the silhouette where its edge faces the light."""
    inside = (alpha > 0.5).astype(np.uint8)
    width = alpha.shape[1] / 55
    depth = cv2.distanceTransform(inside, cv2.DIST_L2, 5)
    band = np.clip(1.0 - depth / width, 0.0, 1.0) ** 1.5 * inside
    gy, gx = np.gradient(cv2.GaussianBlur(alpha, (0, 0), width))
    outward = -(gx * LIGHT_DIRECTION[0] + gy * LIGHT_DIRECTION[1]) / (np.hypot(gx, gy) + 1e-6)
    strength = (0.6 * band * np.clip(outward, 0.0, 1.0))[..., None].astype(np.float32)
    return colour * (1.0 - strength) + RIM_COLOUR * strength
