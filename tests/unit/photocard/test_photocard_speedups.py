"""The local engine's faster pieces keep their contracts: lossless PNG, stage timings."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from services.photocard.domain import PhotoCardRequest
from services.photocard.engines.local import timed_card
from services.photocard.engines.local.character_light import towards
from services.photocard.engines.local.png import png_from_rgb

STAGES = ("decode", "faces", "cutout", "character", "caption", "card", "png")


@pytest.mark.parametrize("channels, mode", [(3, "RGB"), (4, "RGBA")])
def test_png_is_lossless_in_rgb_order(channels, mode):
    pixels = np.random.default_rng(3).integers(0, 256, (37, 53, channels), dtype=np.uint8)
    pixels[0, 0, :3] = (255, 0, 0)  # red stays red: the BGR swap is undone
    decoded = Image.open(io.BytesIO(png_from_rgb(pixels)))
    assert decoded.mode == mode
    assert np.array_equal(np.asarray(decoded), pixels)


def test_towards_blends_per_pixel_like_the_broadcast_formula():
    rng = np.random.default_rng(5)
    colour = rng.random((20, 30, 3), dtype=np.float32)
    weight = rng.random((20, 30), dtype=np.float32)
    target = np.array([0.2, 0.5, 0.9], np.float32)
    expected = colour * (1 - weight[..., None]) + target * weight[..., None]
    assert np.allclose(towards(colour, target, weight), expected, atol=1e-5)


def test_timed_card_reports_every_stage(samples):
    photo = (samples / "portrait" / "astronaut.png").read_bytes()
    card, ms = timed_card(PhotoCardRequest(photo=photo))
    assert card.faces_detected == 1
    assert set(ms) == {f"{stage}_ms" for stage in STAGES} | {"total_ms", "cpu_ms"}
    assert all(value >= 0 for value in ms.values())
