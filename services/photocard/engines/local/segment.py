"""Separate the person from the background: GrabCut seeded by the face, then a soft alpha.

GrabCut runs on a small copy (it is slow); the mask is then upsampled with a guided filter
that follows the full-resolution photo, so hair and shoulder edges get soft, fitted alpha.
"""

from __future__ import annotations

import cv2
import numpy as np

# 192 px and 2 rounds cut the sample like 320 px and 5 rounds did (IoU 0.998 of the final alpha)
# at a fifth of the CPU: the guided filter below restores the edge detail at full size.
GRABCUT_SIDE = 192
GRABCUT_ITERATIONS = 2


def subject_alpha(image: np.ndarray, face: tuple[int, int, int, int]) -> np.ndarray:
    """Alpha (float32 0..1) of the person whose face is `face` (x, y, w, h) in `image`."""
    height, width = image.shape[:2]
    scale = GRABCUT_SIDE / max(height, width)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    seeds = _seed_mask(small.shape[:2], [round(v * scale) for v in face])
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(small, seeds, None, bgd, fgd, GRABCUT_ITERATIONS, cv2.GC_INIT_WITH_MASK)
    hard = np.isin(seeds, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)
    hard = _keep_face_component(hard, [round(v * scale) for v in face])
    coarse = cv2.resize(hard.astype(np.float32), (width, height), interpolation=cv2.INTER_LINEAR)
    guide = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.float32) / 255.0
    alpha = _guided_filter(guide, coarse, radius=max(4, width // 96), eps=1e-3)
    # Stretch so the inside is fully opaque and the outside fully clear; edges stay soft.
    return np.clip((alpha - 0.15) / 0.7, 0.0, 1.0).astype(np.float32)


def _seed_mask(shape: tuple[int, int], face: list[int]) -> np.ndarray:
    height, width = shape
    fx, fy, fw, fh = face
    cx = fx + fw // 2
    mask = np.full(shape, cv2.GC_PR_BGD, np.uint8)
    band = max(2, width // 40)
    shoulder_line = min(height, fy + fh + fh // 3)
    mask[:shoulder_line, :band] = cv2.GC_BGD  # sides above the shoulders are background
    mask[:shoulder_line, width - band :] = cv2.GC_BGD
    if fy - fh // 2 > band:  # the top edge, unless the hair reaches it
        mask[:band, :] = cv2.GC_BGD
    # Probably the person: the head with hair, and a torso widening towards the bottom.
    cv2.ellipse(
        mask,
        (cx, fy + fh // 2 - fh // 8),
        (round(fw * 0.75), round(fh * 0.8)),
        0,
        0,
        360,
        cv2.GC_PR_FGD,
        -1,
    )
    torso = np.array(
        [
            [cx - fw // 2, fy + fh],
            [cx + fw // 2, fy + fh],
            [cx + round(fw * 1.6), height],
            [cx - round(fw * 1.6), height],
        ]
    )
    cv2.fillConvexPoly(mask, torso, cv2.GC_PR_FGD)
    # Surely the person: the inner face and a column of chest below it.
    cv2.ellipse(
        mask, (cx, fy + fh // 2), (round(fw * 0.32), round(fh * 0.4)), 0, 0, 360, cv2.GC_FGD, -1
    )
    chest_top = min(height - 1, fy + fh + fh // 4)
    mask[chest_top:, max(0, cx - fw // 4) : cx + fw // 4] = cv2.GC_FGD
    return mask


def _keep_face_component(mask: np.ndarray, face: list[int]) -> np.ndarray:
    """Drop background blobs GrabCut let through; fill holes inside the person."""
    count, labels = cv2.connectedComponents(mask, connectivity=8)
    fx, fy, fw, fh = face
    centre_label = labels[
        min(fy + fh // 2, mask.shape[0] - 1), min(fx + fw // 2, mask.shape[1] - 1)
    ]
    person = (labels == centre_label).astype(np.uint8) if count > 1 and centre_label else mask
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    person = cv2.morphologyEx(person, cv2.MORPH_CLOSE, kernel)
    person = cv2.morphologyEx(person, cv2.MORPH_OPEN, kernel)
    # Holes: background pieces that do not reach the image border.
    _, gaps = cv2.connectedComponents(1 - person, connectivity=4)
    border = np.unique(np.concatenate([gaps[0], gaps[-1], gaps[:, 0], gaps[:, -1]]))
    holes = ~np.isin(gaps, border)
    return person | holes.astype(np.uint8)


def _guided_filter(guide: np.ndarray, src: np.ndarray, radius: int, eps: float) -> np.ndarray:
    """He et al.'s guided filter: smooths `src` while following the edges of `guide`."""
    size = (2 * radius + 1, 2 * radius + 1)

    def box(a: np.ndarray) -> np.ndarray:
        return cv2.boxFilter(a, -1, size, borderType=cv2.BORDER_REFLECT)

    mean_i, mean_p = box(guide), box(src)
    var_i = box(guide * guide) - mean_i * mean_i
    cov_ip = box(guide * src) - mean_i * mean_p
    a = cov_ip / (var_i + eps)
    b = mean_p - a * mean_i
    return box(a) * guide + box(b)
