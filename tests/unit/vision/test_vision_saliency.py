"""Spectral-residual saliency and the composition numbers built on it."""

from __future__ import annotations

import cv2
import numpy as np

from tubelens.vision.saliency import composition, saliency_map


def canvas_with_blob(cx: float, cy: float) -> np.ndarray:
    image = np.full((720, 1280, 3), 70, np.uint8)
    cv2.circle(image, (round(cx * 1280), round(cy * 720)), 70, (40, 220, 250), -1)
    return image


def test_saliency_peaks_on_the_odd_object():
    saliency = saliency_map(canvas_with_blob(0.33, 0.33))
    y, x = np.unravel_index(np.argmax(saliency), saliency.shape)
    assert abs(x / 1280 - 0.33) < 0.1 and abs(y / 720 - 0.33) < 0.1
    assert saliency.max() == 1.0


def test_an_object_on_a_thirds_point_is_close_to_it():
    on = composition(canvas_with_blob(0.333, 0.333))
    off = composition(canvas_with_blob(0.5, 0.5))
    assert on.thirds_distance < 0.06
    assert off.thirds_distance > 0.15


def test_an_object_in_the_badge_corner_raises_its_salience():
    corner = composition(canvas_with_blob(0.9, 0.88))
    elsewhere = composition(canvas_with_blob(0.3, 0.3))
    assert corner.badge_salience > 2.0
    assert elsewhere.badge_salience < 0.5
