"""The photo card's photo: its decoded size is bounded from the header, by a setting."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bench.memory_images import flat_jpeg, png_of_zeros
from services.photocard.domain import PhotoCardRequest
from services.photocard.engines.local import create_card
from services.photocard.engines.local.photo_input import decode_photo
from tubelens.errors import InvalidInput


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_the_reviewers_346_kb_png_is_refused_before_any_pixel_is_decoded(decoded_sizes):
    bomb = png_of_zeros(10_900, 10_900, "RGB")  # 346 KB; 1.1 GB of peak memory before
    with pytest.raises(InvalidInput) as error:
        create_card(PhotoCardRequest(photo=bomb))
    assert decoded_sizes == []
    assert error.value.reason == "IMAGE_TOO_LARGE"
    assert "10900x10900 pixels (118.8 MP)" in error.value.message
    assert "at most 32.0 MP are accepted (TUBELENS_IMAGE_MAX_MEGAPIXELS)" in error.value.message


def test_the_budget_is_read_from_the_setting(monkeypatch, samples):
    with Image.open(samples / "portrait" / "astronaut.png") as astronaut:
        photo = png(astronaut.convert("RGB").resize((1500, 1500)))  # 2.25 MP
    monkeypatch.setenv("TUBELENS_IMAGE_MAX_MEGAPIXELS", "2")
    with pytest.raises(InvalidInput) as error:
        decode_photo(photo)
    assert "at most 2.0 MP are accepted" in error.value.message
    monkeypatch.setenv("TUBELENS_IMAGE_MAX_MEGAPIXELS", "2.5")
    image, notes = decode_photo(photo)
    assert image.shape == (1500, 1500, 3) and notes == []


def test_a_600_megapixel_jpeg_is_decoded_at_one_eighth_then_fitted_to_the_work_side(
    decoded_sizes,
):
    image, notes = decode_photo(flat_jpeg(30_000, 20_000))
    assert decoded_sizes == [(3750, 2500)]
    assert image.shape == (1365, 2048, 3)
    assert notes == ["The 30000x20000 photo was scaled down to 2048x1365 before processing."]
