"""The raw measurements behind a thumbnail review."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from services.thumbnail.engines.local.metrics import colorfulness, edge_density, measure


def test_black_image_has_zero_brightness_and_contrast():
    m = measure(np.zeros((720, 1280, 3), np.uint8), 1280, 720)
    assert m.brightness == pytest.approx(0.0, abs=1e-6)
    assert m.contrast == pytest.approx(0.0, abs=1e-6)


def test_half_black_half_white_has_maximal_rms_contrast():
    image = np.zeros((720, 1280, 3), np.uint8)
    image[:, 640:] = 255
    m = measure(image, 1280, 720)
    assert m.brightness == pytest.approx(0.5, abs=0.01)
    assert m.contrast == pytest.approx(0.5, abs=0.01)


def test_gray_has_no_colourfulness_and_saturated_colours_have_much():
    assert colorfulness(np.full((100, 100, 3), 128, np.uint8)) == pytest.approx(0.0, abs=1e-6)
    stripes = np.zeros((100, 120, 3), np.uint8)
    for index, bgr in enumerate([(0, 0, 255), (0, 255, 0), (255, 0, 0), (0, 255, 255)]):
        stripes[:, index * 30 : (index + 1) * 30] = bgr
    assert colorfulness(stripes) > 100  # "extremely colourful" on Hasler-Süsstrunk's scale


def test_size_and_aspect_come_from_the_upload():
    m = measure(np.zeros((360, 640, 3), np.uint8), 640, 360)
    assert (m.width, m.height, m.meets_recommended_size) == (640, 360, False)
    assert m.aspect_ratio == pytest.approx(16 / 9)
    assert m.aspect_deviation == pytest.approx(0.0)
    assert measure(np.zeros((720, 1280, 3), np.uint8), 1280, 720).meets_recommended_size


def test_busy_images_have_more_edges_than_simple_ones():
    simple = np.full((720, 1280, 3), (40, 120, 220), np.uint8)
    cv2.circle(simple, (640, 360), 200, (255, 255, 255), -1)
    busy = simple.copy()
    rng = np.random.default_rng(3)
    for _ in range(120):
        y, x = int(rng.integers(20, 700)), int(rng.integers(0, 1000))
        cv2.putText(busy, "lorem ipsum dolor", (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2)
    assert edge_density(simple) < 0.01
    assert edge_density(busy) > 0.10


def test_edge_density_does_not_depend_on_resolution():
    rng = np.random.default_rng(4)
    scene = np.zeros((720, 1280, 3), np.uint8)
    for _ in range(40):
        x, y = int(rng.integers(0, 1200)), int(rng.integers(0, 650))
        cv2.rectangle(
            scene, (x, y), (x + 80, y + 60), tuple(int(v) for v in rng.integers(0, 255, 3)), -1
        )
    half = cv2.resize(scene, (640, 360), interpolation=cv2.INTER_AREA)
    assert edge_density(half) == pytest.approx(edge_density(scene), rel=0.25)
