"""Decoding uploads: formats, colour modes, and the limits that protect the servers."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tubelens.errors import InvalidInput
from tubelens.vision.images import MiB, decode_image

LIMITS = {"max_bytes": 8 * MiB, "max_pixels": 40_000_000}


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_accepts_png_jpeg_webp_as_bgr(fmt):
    red = Image.new("RGB", (80, 60), (255, 0, 0))
    bgr, size = decode_image(encode(red, fmt, quality=95), **LIMITS)
    assert size == (80, 60)
    assert bgr.shape == (60, 80, 3) and bgr.dtype == np.uint8
    b, g, r = bgr[30, 40]
    assert r > 240 and g < 15 and b < 15  # channel order is BGR


def test_grayscale_becomes_three_equal_channels():
    gray = Image.new("L", (64, 64), 100)
    bgr, _ = decode_image(encode(gray, "PNG"), **LIMITS)
    assert bgr.shape == (64, 64, 3)
    assert (bgr == 100).all()


def test_cmyk_jpeg_is_converted_to_bgr():
    cmyk = Image.new("CMYK", (64, 64), (0, 255, 255, 0))  # pure red in CMYK
    bgr, _ = decode_image(encode(cmyk, "JPEG", quality=95), **LIMITS)
    b, g, r = (int(v) for v in bgr[32, 32])
    assert r > 200 and g < 60 and b < 60


def test_alpha_is_flattened_onto_white():
    clear = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    bgr, _ = decode_image(encode(clear, "PNG"), **LIMITS)
    assert (bgr == 255).all()


@pytest.mark.parametrize("data", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\0" * 50])
def test_garbage_is_invalid_image(data):
    with pytest.raises(InvalidInput) as error:
        decode_image(data, **LIMITS)
    assert error.value.reason == "INVALID_IMAGE"


def test_other_formats_are_refused_with_the_accepted_ones_named():
    with pytest.raises(InvalidInput) as error:
        decode_image(encode(Image.new("RGB", (64, 64)), "BMP"), **LIMITS)
    assert error.value.reason == "INVALID_IMAGE"
    assert "JPEG, PNG or WebP" in error.value.message


def test_truncated_jpeg_is_invalid_image():
    data = encode(Image.effect_noise((256, 256), 60).convert("RGB"), "JPEG")
    with pytest.raises(InvalidInput) as error:
        decode_image(data[: len(data) // 2], **LIMITS)
    assert error.value.reason == "INVALID_IMAGE"


def test_too_many_bytes_is_image_too_large():
    with pytest.raises(InvalidInput) as error:
        decode_image(b"\xff" * 2048, max_bytes=1024, max_pixels=10**6)
    assert error.value.reason == "IMAGE_TOO_LARGE"
    assert "MiB" in error.value.message


def test_absurd_dimensions_are_refused_before_decoding():
    huge = encode(Image.new("1", (10_000, 5_000)), "PNG")  # tiny file, 50 megapixels
    assert len(huge) < MiB
    with pytest.raises(InvalidInput) as error:
        decode_image(huge, **LIMITS)
    assert error.value.reason == "IMAGE_TOO_LARGE"
    assert "10000x5000" in error.value.message


def test_tiny_images_are_refused_when_a_minimum_is_set():
    with pytest.raises(InvalidInput) as error:
        decode_image(encode(Image.new("RGB", (40, 300)), "PNG"), min_side=64, **LIMITS)
    assert error.value.reason == "IMAGE_TOO_SMALL"


def test_max_side_downscales_and_reports_the_original_size():
    big = Image.new("RGB", (3000, 1500), (0, 128, 0))
    bgr, size = decode_image(encode(big, "JPEG"), max_side=1000, **LIMITS)
    assert size == (3000, 1500)
    assert max(bgr.shape[:2]) == 1000 and bgr.shape[1] == 2 * bgr.shape[0]
