"""Check and tidy what the caller sent: the photo bytes and the prompt text."""

from __future__ import annotations

import unicodedata

import numpy as np

from services.photocard.engines.local.fonts import REGULAR, drawable
from services.photocard.engines.local.png import png_from_rgb
from tubelens.vision.decode_budget import SETTING, ImageLimits
from tubelens.vision.images import MiB, decode_image

MAX_PHOTO_BYTES = 20 * MiB
MIN_PHOTO_SIDE = 64
WORK_SIDE = 2048  # larger photos are scaled down first; faces need no more detail


def decode_photo(data: bytes) -> tuple[np.ndarray, list[str]]:
    """BGR photo, at most WORK_SIDE on its long side, and notes about what was done to it.

    Its decoded size is bounded by TUBELENS_IMAGE_MAX_MEGAPIXELS, checked before decoding.
    """
    photo, (width, height) = decode_image(
        data,
        max_bytes=MAX_PHOTO_BYTES,
        max_pixels=ImageLimits().max_pixels,
        max_pixels_setting=SETTING,
        min_side=MIN_PHOTO_SIDE,
        max_side=WORK_SIDE,
    )
    notes = []
    if photo.shape[1] < width or photo.shape[0] < height:
        notes.append(
            f"The {width}x{height} photo was scaled down to "
            f"{photo.shape[1]}x{photo.shape[0]} before processing."
        )
    return photo, notes


def clean_prompt(prompt: str) -> tuple[str, list[str]]:
    """The prompt without control characters or glyphs the font lacks."""
    text = unicodedata.normalize("NFC", prompt).replace("\r\n", "\n").strip()
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C")
    text, dropped = drawable(text, REGULAR)
    notes = []
    if dropped:
        notes.append(
            f"{dropped} character(s) the card font cannot draw (such as emoji) were left out."
        )
    return text.strip(), notes


def png_bytes(rgba: np.ndarray) -> bytes:
    return png_from_rgb(rgba)
