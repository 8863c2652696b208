"""The analysed thumbnail, made small enough to send with its review
(AnalysisOptions.include_thumbnail_image), so a page can draw the review's boxes on it.

The boxes are fractions of the image, so any size that keeps the aspect ratio will do; 640x360
is twice the largest size YouTube's feeds show, and a JPEG of it is some tens of kilobytes.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from tubelens.logs import get_logger

MAX_SIZE = (640, 360)  # width, height the image is reduced to fit within
JPEG_QUALITY = 85
JPEG_SCALES = (8, 4, 2)  # what libjpeg can decode at directly: 1/8, 1/4 and 1/2 of each side
# A PNG or WebP decodes at full size (a 32 MP one is ~100 MB as BGR): one at a time bounds the
# gateway's memory, and these are rare (YouTube thumbnails are 1280x720 JPEGs).
_FULL_DECODES = threading.BoundedSemaphore(1)
log = get_logger("tubelens.gateway")


def fitted_size(width: int, height: int, bound: tuple[int, int] = MAX_SIZE) -> tuple[int, int]:
    """`width` x `height` scaled down to fit within `bound`, aspect ratio kept, never enlarged."""
    scale = min(1.0, bound[0] / width, bound[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def reduced_jpeg(image: bytes, width: int = 0, height: int = 0) -> bytes:
    """The image as a JPEG within MAX_SIZE (blocking: run it off the event loop). `width` and
    `height` are its size when known (the thumbnail service measured it), which lets a JPEG be
    decoded at 1/2, 1/4 or 1/8 scale straight away. Empty bytes when it cannot be decoded."""
    import cv2  # here, not at the top: a gateway that is never asked for images never loads it
    import numpy as np

    data = np.frombuffer(image, np.uint8)
    factor = _read_factor(width, height) if image.startswith(b"\xff\xd8\xff") else 1
    reduced = {
        8: cv2.IMREAD_REDUCED_COLOR_8,
        4: cv2.IMREAD_REDUCED_COLOR_4,
        2: cv2.IMREAD_REDUCED_COLOR_2,
    }
    if factor > 1:
        decoded = cv2.imdecode(data, reduced[factor])
    else:
        with _FULL_DECODES:
            decoded = cv2.imdecode(data, cv2.IMREAD_COLOR)
    if decoded is None:
        log.warning("thumbnail_image_undecodable", bytes=len(image))
        return b""
    rows, columns = decoded.shape[:2]
    size = fitted_size(columns, rows)  # from the decoded image: EXIF orientation is applied
    if size != (columns, rows):
        decoded = cv2.resize(decoded, size, interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", decoded, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    return encoded.tobytes() if ok else b""


def _read_factor(width: int, height: int) -> int:
    """The largest JPEG scale-down that still leaves at least the target size to reduce from.
    The shorter side over 360 is small enough whichever way EXIF turns the image: then both
    decoded sides stay at or above the fitted size."""
    if width <= 0 or height <= 0:
        return 1
    room = min(width, height) / MAX_SIZE[1]
    return next((factor for factor in JPEG_SCALES if factor <= room), 1)


async def attach_image(result: Any, image: bytes) -> bool:
    """Sets `result.image_jpeg` (a ThumbnailResult) from the image the service analysed, off the
    event loop (decoding an 8 MiB image takes a while); False when it could not be made, which
    leaves it empty: the review itself is still good."""
    try:
        result.image_jpeg = await asyncio.to_thread(
            reduced_jpeg, image, result.width, result.height
        )
    except Exception:  # cv2.error and MemoryError alike; the caller still gets its review
        log.exception("thumbnail_image_failed")
    return bool(result.image_jpeg)
