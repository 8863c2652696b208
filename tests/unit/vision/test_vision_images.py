"""Decoding uploads: formats, colour modes, and the limits that protect the servers."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import ExifTags, Image, ImageFile

from bench.memory_images import flat_jpeg, png_of_zeros
from tubelens.errors import InvalidInput
from tubelens.vision import images
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


# --- the decoding budget: judged from the header, before any pixel is decoded -----------------


@pytest.fixture
def no_decoding(monkeypatch):
    """Make any pixel decoding fail the test: refusals must come from the header alone."""

    def decode(self):
        raise AssertionError(f"{self.format} {self.size} was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decode)


def test_the_reviewers_10900_square_png_is_refused_from_its_header(no_decoding):
    bomb = png_of_zeros(10_900, 10_900, "RGB")  # decodes to 475 MB of bitmap
    assert len(bomb) < 400_000
    with pytest.raises(InvalidInput) as error:
        decode_image(bomb, max_bytes=20 * MiB, max_pixels=24_000_000, max_pixels_setting="X_MP")
    assert error.value.reason == "IMAGE_TOO_LARGE"
    assert error.value.message.startswith("The PNG declares 10900x10900 pixels (118.8 MP)")
    assert "at most 24.0 MP are accepted (X_MP)" in error.value.message
    assert error.value.metadata == {"limit": "24000000", "setting": "X_MP"}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (lambda: png_of_zeros(1500, 1000, "RGBA"), "PNG images are decoded at full size"),
        (lambda: png_of_zeros(1500, 1000, "RGB", interlaced=True), "PNG images are"),
        (lambda: flat_jpeg(1000, 800, components=3, progressive=True), "progressive JPEGs"),
        (lambda: flat_jpeg(1000, 800, components=3, separate_scans=True), "separate scans"),
        (lambda: flat_jpeg(8000, 8000), "even at 1/8 scale it decodes to 1.0 MP"),
        (lambda: flat_jpeg(60_000, 60_000, keep=64), "60000x60000"),
    ],
)
def test_hostile_headers_are_refused_before_decoding(no_decoding, data, words):
    with pytest.raises(InvalidInput) as error:
        decode_image(data(), max_bytes=20 * MiB, max_pixels=900_000, max_side=800)
    assert error.value.reason == "IMAGE_TOO_LARGE"
    assert words in error.value.message
    assert "MP are" in error.value.message  # the limit is named


def test_webp_counts_four_times_its_pixels(no_decoding):
    webp = encode(Image.new("RGB", (600, 500)), "WEBP", lossless=True)  # 0.3 MP
    with pytest.raises(InvalidInput) as error:
        decode_image(webp, max_bytes=MiB, max_pixels=1_000_000)
    assert "WebP images are decoded at full size, so at most 0.2 MP" in error.value.message


def test_a_webp_canvas_over_pillows_own_limit_is_refused_with_ours_named():
    # RIFF header with a VP8X chunk declaring a 16384x16384 canvas, and nothing after it.
    canvas = (16383).to_bytes(3, "little") * 2
    header = b"RIFF" + (22).to_bytes(4, "little") + b"WEBPVP8X" + (10).to_bytes(4, "little")
    with pytest.raises(InvalidInput) as error:
        decode_image(header + bytes(4) + canvas, max_bytes=MiB, max_pixels=8_000_000)
    assert error.value.reason == "IMAGE_TOO_LARGE"
    assert "at most 2.0 MP are accepted" in error.value.message


def test_a_huge_jpeg_is_decoded_at_one_eighth_and_accepted(decoded_sizes):
    huge = flat_jpeg(20_000, 12_000)  # 240 MP declared, over Pillow's own 179 MP bomb limit
    bgr, size = decode_image(huge, max_bytes=8 * MiB, max_pixels=4_000_000, max_side=1000)
    assert size == (20_000, 12_000)
    assert decoded_sizes == [(2500, 1500)]  # libjpeg's 1/8 scale: 3.75 MP, never 240
    assert bgr.shape == (600, 1000, 3) and (bgr == 128).all()


def test_a_baseline_jpeg_of_the_size_of_a_refused_progressive_one_is_accepted():
    baseline = encode(Image.new("RGB", (1000, 800), (0, 90, 200)), "JPEG", subsampling=0)
    bgr, _ = decode_image(baseline, max_bytes=MiB, max_pixels=900_000, max_side=800)
    assert bgr.shape == (640, 800, 3)


# --- the conversions after decoding: strip by strip, equal to converting the whole image ------


@pytest.fixture
def narrow_strips(monkeypatch):
    monkeypatch.setattr(images, "STRIP_PIXELS", 20_000)  # many strips, many seams


def test_strip_by_strip_downscale_equals_one_whole_image_resize(narrow_strips):
    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 256, (900, 1200, 4), dtype=np.uint8)
    rgba = Image.fromarray(pixels, "RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    whole = Image.alpha_composite(white, rgba).convert("RGB")
    expected = np.asarray(whole.resize((400, 300), Image.Resampling.LANCZOS))[:, :, ::-1]
    bgr, _ = decode_image(encode(rgba, "PNG"), max_side=400, **LIMITS)
    assert bgr.shape == expected.shape
    assert np.abs(bgr.astype(int) - expected).max() <= 2  # alpha flattening rounds per pixel


def test_sixteen_bit_levels_come_from_the_whole_image_not_each_strip(narrow_strips):
    levels = np.full((800, 600), 100, np.uint16)
    levels[400:] = 60_000  # only the lower strips hold values above 8 bits
    bgr, _ = decode_image(encode(Image.fromarray(levels), "PNG"), max_side=300, **LIMITS)
    assert bgr[10, 10, 0] == 0 and bgr[-10, 10, 0] == 60_000 * 255 // 65535


def test_transparent_palette_pixels_become_white_when_downscaled(narrow_strips):
    palette = Image.new("P", (900, 600), 0)
    palette.putpalette([0, 0, 0, 255, 0, 0])
    palette.paste(1, (0, 0, 450, 600))  # left half red, right half index 0: transparent
    bgr, _ = decode_image(encode(palette, "PNG", transparency=0), max_side=300, **LIMITS)
    assert (bgr[:, 160:] == 255).all()
    assert (bgr[:, :140] == (0, 0, 255)).all()


def test_exif_orientation_is_applied_to_the_downscaled_image():
    wide = Image.new("RGB", (3000, 1000), (0, 0, 255))
    wide.paste((255, 0, 0), (0, 0, 500, 1000))  # red on the left
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # shown rotated 90 degrees clockwise
    bgr, size = decode_image(encode(wide, "JPEG", exif=exif), max_side=600, **LIMITS)
    assert size == (3000, 1000) and bgr.shape == (600, 200, 3)
    b, _, r = (int(v) for v in bgr[20, 100])
    assert r > 200 and b < 60  # the left edge is now the top
