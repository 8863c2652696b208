"""Decode uploaded image bytes into an OpenCV BGR array, refusing what is not a sane image."""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps

from tubelens.errors import InvalidInput

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
MiB = 1024 * 1024


def decode_image(
    data: bytes,
    *,
    max_bytes: int,
    max_pixels: int,
    min_side: int = 1,
    max_side: int | None = None,
) -> tuple[np.ndarray, tuple[int, int]]:
    """Return (BGR uint8 image, (original width, original height)).

    Grayscale, palette, alpha and CMYK images are all converted to 3-channel BGR; alpha is
    flattened onto white. EXIF orientation is applied so phone photos stand upright. With
    `max_side` the image is downscaled (never rejected) so neither side exceeds it.
    """
    if not data:
        raise InvalidInput("The image is empty.", reason="INVALID_IMAGE")
    if len(data) > max_bytes:
        raise InvalidInput(
            f"The image is {len(data) / MiB:.1f} MiB; the limit is {max_bytes / MiB:.0f} MiB.",
            reason="IMAGE_TOO_LARGE",
        )
    image = _open(data)
    width, height = image.size
    if width * height > max_pixels:
        raise InvalidInput(
            f"The image is {width}x{height} pixels; at most {max_pixels / 1e6:.0f} megapixels "
            "are accepted.",
            reason="IMAGE_TOO_LARGE",
        )
    if min(width, height) < min_side:
        raise InvalidInput(
            f"The image is only {width}x{height} pixels; each side needs at least {min_side}.",
            reason="IMAGE_TOO_SMALL",
        )
    try:
        if max_side and max(width, height) > max_side:
            image.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced scale, cheaply
        image = ImageOps.exif_transpose(image)
        if max_side and max(image.size) > max_side:
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        rgb = _to_rgb(image)
    except (OSError, ValueError, SyntaxError) as exc:
        raise InvalidInput(
            "The image data is damaged and could not be decoded.", reason="INVALID_IMAGE"
        ) from exc
    bgr = np.ascontiguousarray(np.asarray(rgb, dtype=np.uint8)[:, :, ::-1])
    return bgr, (width, height)


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Size limits are ours to enforce (above), with a message people understand.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(ACCEPTED_FORMATS))
    except Image.DecompressionBombError as exc:
        raise InvalidInput(
            "The image has far too many pixels to process.", reason="IMAGE_TOO_LARGE"
        ) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise InvalidInput(
            "The upload is not a readable image; send a JPEG, PNG or WebP file.",
            reason="INVALID_IMAGE",
        ) from exc
    return image


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grayscale PNGs: scale to 8 bits before converting.
        levels = np.asarray(image, dtype=np.float64)
        peak = 65535.0 if levels.max() > 255 else 255.0
        return Image.fromarray((levels * 255.0 / peak).astype(np.uint8)).convert("RGB")
    return image.convert("RGB")  # L, 1, P, CMYK, YCbCr, RGB
