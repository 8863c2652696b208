"""Images between our code and the model: encode what we send, decode what comes back."""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from tubelens.errors import ModelOutputInvalid


def jpeg_bytes(bgr: np.ndarray, quality: int = 90) -> bytes:
    ok, encoded = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("could not encode the photo as JPEG")
    return encoded.tobytes()


def rgba_of(data: bytes, model: str) -> np.ndarray:
    """The model's image as an RGBA array; a broken image is the model's fault, not the user's."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return np.asarray(image.convert("RGBA"))
    except (UnidentifiedImageError, OSError) as exc:
        raise ModelOutputInvalid(
            f"Gemini ({model}) returned an image that cannot be decoded.",
            metadata={"model": model},
        ) from exc


def centre_square(rgba: np.ndarray) -> np.ndarray:
    """The largest centred square: the card's panel is square, the model's image may not be."""
    height, width = rgba.shape[:2]
    side = min(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    return np.ascontiguousarray(rgba[top : top + side, left : left + side])
