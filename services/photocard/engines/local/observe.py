"""Measure what the caption may say: smile, colours below the face and around the person."""

from __future__ import annotations

import cv2
import numpy as np

from services.photocard.engines.local.caption import Observations
from services.photocard.engines.local.colour_names import colour_name
from tubelens.vision.faces import DetectedFace, is_smiling
from tubelens.vision.palette import dominant_colors

SECOND_COLOUR_SHARE = 0.25  # name a second clothing colour only if it covers this much
MIN_BACKGROUND_SHARE = 0.05  # below this the crop is all person; say nothing about behind


def observe(
    photo: np.ndarray,
    faces: list[DetectedFace],
    main: DetectedFace,
    portrait: np.ndarray,
    alpha: np.ndarray,
    face_in_portrait: tuple[int, int, int, int],
) -> Observations:
    """`photo`: the whole BGR photo; `portrait`: the head-and-shoulders crop; `alpha`: its cut."""
    luma = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    return Observations(
        people=len(faces),
        smiling=is_smiling(photo, main),
        clothing=_clothing(portrait, alpha, face_in_portrait),
        background=_background(portrait, alpha),
        brightness=float(luma.mean()) / 255.0,
    )


def _clothing(
    portrait: np.ndarray, alpha: np.ndarray, face: tuple[int, int, int, int]
) -> tuple[str, ...]:
    x, y, w, h = face
    height, width = alpha.shape
    top, bottom = y + h + h // 2, min(height, y + h + 2 * h)  # skip the neck
    left, right = max(0, x - w), min(width, x + 2 * w)
    if bottom - top < h // 4:
        return ()  # the photo ends at the chin: nothing below the face to describe
    region, mask = portrait[top:bottom, left:right], alpha[top:bottom, left:right] > 0.5
    swatches = dominant_colors(region, count=4, mask=mask.astype(np.uint8))
    names: list[str] = []
    for swatch in swatches:
        name = colour_name(swatch.bgr)
        if name in names:
            continue
        if names and swatch.share < SECOND_COLOUR_SHARE:
            break
        names.append(name)
        if len(names) == 2:
            break
    return tuple(names)


def _background(portrait: np.ndarray, alpha: np.ndarray) -> str | None:
    behind = alpha < 0.5
    if behind.mean() < MIN_BACKGROUND_SHARE:
        return None
    swatches = dominant_colors(portrait, count=3, mask=behind.astype(np.uint8))
    return colour_name(swatches[0].bgr) if swatches else None
