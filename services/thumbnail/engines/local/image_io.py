"""Thumbnail upload limits on top of the shared decoder."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tubelens.vision.decode_budget import SETTING, ImageLimits
from tubelens.vision.images import MiB, decode_image

MAX_THUMBNAIL_BYTES = 8 * MiB  # YouTube itself caps custom thumbnails well below this
MIN_THUMBNAIL_SIDE = 32
ANALYSIS_SIDE = 1280  # measurements run on a copy no larger than YouTube's own 1280x720


@dataclass(frozen=True, slots=True)
class Thumbnail:
    image: np.ndarray  # BGR, downscaled to at most ANALYSIS_SIDE
    width: int  # of the upload, before any downscaling
    height: int


def decode_thumbnail(data: bytes) -> Thumbnail:
    """Decode a JPEG/PNG/WebP thumbnail; raises InvalidInput for anything else, and for one
    whose decoded size would exceed TUBELENS_IMAGE_MAX_MEGAPIXELS (checked before decoding)."""
    image, (width, height) = decode_image(
        data,
        max_bytes=MAX_THUMBNAIL_BYTES,
        max_pixels=ImageLimits().max_pixels,
        max_pixels_setting=SETTING,
        min_side=MIN_THUMBNAIL_SIDE,
        max_side=ANALYSIS_SIDE,
    )
    return Thumbnail(image=image, width=width, height=height)
