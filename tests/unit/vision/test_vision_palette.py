"""Dominant colours: right colours, right shares, deterministic."""

from __future__ import annotations

import numpy as np
import pytest

from tubelens.vision.palette import dominant_colors


def test_two_colour_image_gives_both_colours_with_their_shares():
    image = np.zeros((90, 160, 3), np.uint8)
    image[:, :120] = (0, 0, 255)  # red, three quarters
    image[:, 120:] = (255, 0, 0)  # blue, one quarter
    swatches = dominant_colors(image, count=5)
    assert [s.hex for s in swatches] == ["#ff0000", "#0000ff"]
    assert swatches[0].share == pytest.approx(0.75, abs=0.02)
    assert swatches[1].share == pytest.approx(0.25, abs=0.02)


def test_shares_sum_to_one_and_are_sorted():
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, (120, 200, 3), dtype=np.uint8)
    swatches = dominant_colors(image, count=5)
    assert 1 <= len(swatches) <= 5
    assert sum(s.share for s in swatches) == pytest.approx(1.0)
    assert [s.share for s in swatches] == sorted((s.share for s in swatches), reverse=True)


def test_same_image_same_palette():
    rng = np.random.default_rng(1)
    image = rng.integers(0, 256, (100, 100, 3), dtype=np.uint8)
    assert dominant_colors(image) == dominant_colors(image)


def test_flat_gray_is_one_colour():
    swatches = dominant_colors(np.full((50, 50, 3), 128, np.uint8))
    assert [(s.hex, s.share) for s in swatches] == [("#808080", 1.0)]


def test_mask_limits_the_pixels_counted():
    image = np.zeros((40, 40, 3), np.uint8)
    image[:, 20:] = (0, 255, 0)
    mask = np.zeros((40, 40), np.uint8)
    mask[:, 20:] = 1
    assert [s.hex for s in dominant_colors(image, mask=mask)] == ["#00ff00"]
    assert dominant_colors(image, mask=np.zeros_like(mask)) == []
