"""Colour work for the text reader: split a line into colour clusters, pick the letter-like
ones, clean a letter mask, and measure the letters' contrast with what surrounds them."""

from __future__ import annotations

import cv2
import numpy as np

KMEANS_STEP = 4  # k-means fits on every 4th pixel, then labels them all
CLUSTERS = 4  # text fill, its outline or banner, and two for the picture behind
SPECK_SHARE = 0.0012  # components smaller than this x crop height² are crumbs, not letters
OUTLINE_HOLES = 0.8  # a cluster enclosing this much (x its own area) is an outline
BANNER_WIDTH = 0.6  # of the line: one piece this wide behind the letters is a banner
BANNER_HOLES = 0.3  # ... when its gaps cover this much (x its area)


def with_ring(
    crop: np.ndarray, letters: np.ndarray
) -> tuple[tuple[int, int, int], tuple[int, int, int], np.ndarray]:
    """Median colour of `letters`, of the thin ring right around them, and the letters."""
    ring = cv2.dilate(letters.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & ~letters
    around = crop[ring] if ring.any() else crop[~letters]
    return median_colour(crop[letters]), median_colour(around), letters


def wcag_contrast(a_bgr: tuple[int, int, int], b_bgr: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours, 1..21."""
    la, lb = _luminance(a_bgr), _luminance(b_bgr)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _luminance(bgr: tuple[int, int, int]) -> float:
    channels = np.array(bgr[::-1], dtype=np.float64) / 255.0
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2])


def touching_border(mask: np.ndarray) -> np.ndarray:
    """The parts of `mask` connected to the image border."""
    count, parts = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)
    return _on_border(parts, count, skip_zero=True)[parts]


def colour_clusters(crop: np.ndarray) -> np.ndarray:
    """Per-pixel cluster label (k-means in Lab), deterministic."""
    lab8 = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB)
    if float(cv2.meanStdDev(lab8)[1].max()) < 2.0:  # (numpy's std: a slow float copy)
        return np.zeros(crop.shape[:2], np.int32)  # one flat colour: nothing to separate
    lab = lab8.reshape(-1, 3).astype(np.float32)
    cv2.setRNGSeed(11)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 12, 1.0)
    sample = np.ascontiguousarray(lab[::KMEANS_STEP])  # fit on a sample, then label all
    _, _, centres = cv2.kmeans(sample, CLUSTERS, None, criteria, 1, cv2.KMEANS_PP_CENTERS)
    distances = -2.0 * lab @ centres.T + (centres * centres).sum(axis=1)
    return distances.argmin(axis=1).astype(np.int32).reshape(crop.shape[:2])


def letter_like(labels: np.ndarray) -> list[int]:
    """Clusters ordered by how much they look like letters: pieces inside the box, not at
    its border, covering a plausible share of it."""
    scored = []
    for cluster in np.unique(labels):
        mask = (labels == cluster).astype(np.uint8)
        share = mask.mean()
        count, components = cv2.connectedComponents(mask, connectivity=8)
        inside = ~_on_border(components, count)[components]
        inner = inside.mean() / max(share, 1e-6)
        # An outline is a ring: filling its holes grows it a lot. Letters grow a little.
        solid = inside.sum() / max(1, _filled(inside.astype(np.uint8)).sum())
        plausible = 0.05 <= share <= 0.65
        scored.append((inner * solid * plausible, int(cluster)))
    return [cluster for score, cluster in sorted(scored, reverse=True) if score > 0]


def enclosed_fill(labels: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The letters' fill when `mask` is their outline, else `mask` itself.

    An outline cluster encloses the fills; the fill cluster alone also holds background pieces
    of a similar colour that touch the letters outside their outline. The holes of the outline
    in their commonest colour are the fill, without those pieces.
    """
    holes = ~mask & ~touching_border(~mask)
    if holes.sum() <= OUTLINE_HOLES * mask.sum():
        return mask
    counts = np.bincount(labels[holes], minlength=CLUSTERS)
    return holes & (labels == counts.argmax())


def _filled(mask: np.ndarray) -> np.ndarray:
    """`mask` with its holes filled (background not reachable from the border)."""
    count, gaps = cv2.connectedComponents(1 - mask, connectivity=4)
    return mask.astype(bool) | ~_on_border(gaps, count)[gaps]


def _on_border(labels: np.ndarray, count: int, skip_zero: bool = False) -> np.ndarray:
    """Per label, whether it touches the image border: a lookup table indexed by the labels
    is far cheaper than np.isin over every pixel."""
    table = np.zeros(count, bool)
    table[labels[0]] = table[labels[-1]] = table[labels[:, 0]] = table[labels[:, -1]] = True
    if skip_zero:
        table[0] = False
    return table


def without_specks(mask: np.ndarray) -> np.ndarray:
    """Drop crumbs (bits of outline between letters) that tesseract would read as glue, and
    pieces of the picture reaching the box's edge: letters sit inside their padded box."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), 8)
    keep = np.zeros(count, bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= SPECK_SHARE * mask.shape[0] ** 2
    height, width = mask.shape
    x, y, w, h = (stats[1:, i] for i in range(4))
    at_edge = (x == 0) | (y == 0) | (x + w >= width) | (y + h >= height)
    keep[1:] &= ~at_edge
    return keep[labels]


def banner_letters(mask: np.ndarray) -> np.ndarray:
    """The letters cut out of a banner when `mask` is the banner (one piece spanning most of
    the line, whose enclosed gaps are as large as letters), else `mask`. tesseract reads dark
    letters on light; given the banner it would have to read the line twice, once inverted."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count < 2 or stats[1:, cv2.CC_STAT_WIDTH].max() < BANNER_WIDTH * mask.shape[1]:
        return mask
    holes = ~mask & ~touching_border(~mask)
    if holes.sum() < BANNER_HOLES * mask.sum():
        return mask  # the gaps are the counters of letters (o, a, 0), not letters
    return without_specks(holes)


def median_colour(pixels: np.ndarray) -> tuple[int, int, int]:
    b, g, r = (int(v) for v in np.median(pixels.reshape(-1, 3), axis=0))
    return b, g, r
