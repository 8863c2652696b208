"""Decode uploaded image bytes into an OpenCV BGR array, refusing what is not a sane image.

Memory is bounded before any pixel is decoded (tubelens.vision.decode_budget), and after
decoding only one full-size bitmap exists: colour conversion and downscaling run over strips.
"""

from __future__ import annotations

import io
import math

import numpy as np
from PIL import ExifTags, Image, ImageOps, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

from tubelens.errors import InvalidInput
from tubelens.vision.decode_budget import check_plan, plan_decode, webp_over_pillow_limit

MiB = 1024 * 1024
STRIP_PIXELS = 1 << 21  # source pixels converted at a time: about 8 MB whatever the image
LANCZOS_SUPPORT = 3.0  # source rows the filter reads on each side, per unit of downscale
DAMAGED = "The image data is damaged and could not be decoded."


def decode_image(
    data: bytes,
    *,
    max_bytes: int,
    max_pixels: int,
    min_side: int = 1,
    max_side: int | None = None,
    max_pixels_setting: str | None = None,
) -> tuple[np.ndarray, tuple[int, int]]:
    """Return (BGR uint8 image, (original width, original height)).

    `max_pixels` is the decoding budget in 4-byte bitmap pixels (see decode_budget): a JPEG
    counts at the reduced scale it decodes at, PNG at full size, WebP four times. Grayscale,
    palette, alpha, 16-bit and CMYK images become 3-channel BGR; alpha is flattened onto white.
    EXIF orientation is applied. With `max_side` the image is downscaled (never rejected) so
    neither side exceeds it. `max_pixels_setting` names the setting behind `max_pixels`, for
    the error.
    """
    if not data:
        raise InvalidInput("The image is empty.", reason="INVALID_IMAGE")
    if len(data) > max_bytes:
        raise InvalidInput(
            f"The image is {len(data) / MiB:.1f} MiB; the limit is {max_bytes / MiB:.0f} MiB.",
            reason="IMAGE_TOO_LARGE",
        )
    image = _open(data, max_pixels, max_pixels_setting)
    width, height = image.size
    fit = _fitted((width, height), max_side) if max_side else None
    check_plan(plan_decode(image, data, fit), max_pixels, max_pixels_setting)
    if min(width, height) < min_side:
        raise InvalidInput(
            f"The image is only {width}x{height} pixels; each side needs at least {min_side}.",
            reason="IMAGE_TOO_SMALL",
        )
    try:
        image.load()
        rgb = _upright(_fit_rgb(image, fit), image)
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise InvalidInput(DAMAGED, reason="INVALID_IMAGE") from exc
    bgr = np.ascontiguousarray(np.asarray(rgb, dtype=np.uint8)[:, :, ::-1])
    return bgr, (width, height)


def _open(data: bytes, max_pixels: int, setting: str | None) -> Image.Image:
    """Read the header only. The format's own plugin opens it, not Image.open, whose bomb check
    refuses anything over 179 MP, even a JPEG that decodes at 1/8 scale to a few MP."""
    if data.startswith(b"\xff\xd8\xff"):
        opener = JpegImagePlugin.jpeg_factory
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        opener = PngImagePlugin.PngImageFile
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        opener = WebPImagePlugin.WebPImageFile  # still refuses a canvas over 179 MP itself
    else:
        opener = None
    try:
        if opener is not None:
            return opener(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise webp_over_pillow_limit(max_pixels, setting) from exc
    except (OSError, ValueError, SyntaxError, EOFError):
        pass
    raise InvalidInput(
        "The upload is not a readable image; send a JPEG, PNG or WebP file.",
        reason="INVALID_IMAGE",
    )


def _fitted(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    """`size` scaled to fit a max_side square, aspect kept; unchanged when it already fits."""
    scale = min(1.0, max_side / max(size))
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _fit_rgb(image: Image.Image, fit: tuple[int, int] | None) -> Image.Image:
    """RGB at `fit`, converted and Lanczos-resized strip by strip, so the only full-size
    bitmap is the decoded one. Each strip carries the rows the filter reads around it, so the
    result equals one resize of the whole image."""
    levels = _levels(image)
    width, height = image.size
    if fit is None or fit == image.size:
        return _to_rgb(image, levels)
    out = Image.new("RGB", fit)
    step = height / fit[1]  # source rows per output row
    margin = math.ceil(LANCZOS_SUPPORT * max(step, 1.0)) + 1
    rows = max(16, int(STRIP_PIXELS / width / step))  # output rows per strip
    for top in range(0, fit[1], rows):
        bottom = min(top + rows, fit[1])
        first, last = top * step, bottom * step
        y0, y1 = max(0, int(first) - margin), min(height, math.ceil(last) + margin)
        strip = _to_rgb(image.crop((0, y0, width, y1)), levels)
        box = (0.0, first - y0, float(width), last - y0)
        out.paste(strip.resize((fit[0], bottom - top), Image.Resampling.LANCZOS, box=box), (0, top))
    return out


def _levels(image: Image.Image) -> int | None:
    """Full scale of a 16/32-bit grayscale image, from all of it, so every strip agrees."""
    if not image.mode.startswith("I"):
        return None
    return 65535 if image.getextrema()[1] > 255 else 255


def _to_rgb(image: Image.Image, levels: int | None) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if levels is not None:  # 16-bit grayscale PNGs: scale to 8 bits before converting
        values = np.asarray(image).clip(0, levels).astype(np.uint32)
        return Image.fromarray((values * 255 // levels).astype(np.uint8)).convert("RGB")
    return image.convert("RGB")  # L, 1, P, CMYK, YCbCr, RGB


def _upright(rgb: Image.Image, source: Image.Image) -> Image.Image:
    """Apply the source's EXIF orientation to the (already small) result."""
    exif = source.getexif()
    if exif.get(ExifTags.Base.Orientation, 1) == 1:
        return rgb
    rgb.info["exif"] = exif.tobytes()
    return ImageOps.exif_transpose(rgb)
