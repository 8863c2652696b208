"""The review's measuring stages as jobs for the worker pool: each takes the image's bytes
(cheap to send to a worker process, unlike a decoded image) and decodes them itself."""

from __future__ import annotations

import time
from dataclasses import replace

from services.thumbnail.engines.local.image_io import decode_thumbnail
from services.thumbnail.engines.local.stages import Pixels, Words, measure_pixels, read_words


def pixels_job(data: bytes) -> Pixels:
    """Decodes (raising InvalidInput for what is not a usable image) and measures the pixels."""
    started = time.perf_counter()
    thumbnail = decode_thumbnail(data)
    decode_ms = round((time.perf_counter() - started) * 1000, 1)
    pixels = measure_pixels(thumbnail.image, thumbnail.width, thumbnail.height)
    return replace(pixels, ms={"decode": decode_ms, **pixels.ms})


def words_job(data: bytes, english_first: bool) -> Words:
    started = time.perf_counter()
    image = decode_thumbnail(data).image
    decode_ms = round((time.perf_counter() - started) * 1000, 1)
    words = read_words(image, english_first)
    return replace(words, ms={"decode_for_text": decode_ms, **words.ms})
