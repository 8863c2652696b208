"""The local thumbnail engine: measures the image with OpenCV; no network, no model downloads."""

from __future__ import annotations

import time
from dataclasses import replace

from services.thumbnail.domain import ThumbnailRequest, ThumbnailReview
from services.thumbnail.engines.local.beside import beside
from services.thumbnail.engines.local.faces import find_faces
from services.thumbnail.engines.local.frames import suggest_frames
from services.thumbnail.engines.local.image_io import decode_thumbnail
from services.thumbnail.engines.local.stages import (
    NO_OCR_NOTE,
    READ_NOTE,
    assemble,
    korean_expected,
    measure_pixels,
    read_words,
)
from tubelens.domain import Provenance
from tubelens.logs import get_logger
from tubelens.workers import Offload, in_thread

__all__ = ["NO_OCR_NOTE", "READ_NOTE", "LocalThumbnailEngine", "review_thumbnail"]

PROVENANCE = Provenance(engine="local", model="tubelens-local", prompt_version="thumbnail-local-2")
log = get_logger("services.thumbnail")


class LocalThumbnailEngine:
    """Reviews a thumbnail from its pixels: size, exposure, contrast, colour, faces, clutter."""

    def __init__(self, offload: Offload = in_thread) -> None:
        self._offload = offload  # the server's worker pool; a thread in tests and tools

    async def analyze(self, request: ThumbnailRequest) -> tuple[ThumbnailReview, Provenance]:
        review, ms = await self._offload(timed_review, request)
        log.info("thumbnail_reviewed", engine="local", **ms)  # logged here, where logs are set up
        return review, replace(PROVENANCE, notes=review.notes)


def review_thumbnail(request: ThumbnailRequest) -> ThumbnailReview:
    return timed_review(request)[0]


def timed_review(request: ThumbnailRequest) -> tuple[ThumbnailReview, dict[str, float]]:
    """The review, and the wall milliseconds of each stage (decode, measure, faces, saliency,
    text, frames, total)."""
    started = time.perf_counter()
    thumbnail = decode_thumbnail(request.image)
    decoded = time.perf_counter()
    faces = beside(find_faces, thumbnail.image)  # while this thread reads the text
    words = read_words(thumbnail.image, english_first=not korean_expected(request))
    pixels = measure_pixels(thumbnail.image, thumbnail.width, thumbnail.height, faces)
    framed = time.perf_counter()
    frames = suggest_frames(request.candidate_frames)
    review = assemble(pixels, words, request, frames)
    done = time.perf_counter()
    ms = {"decode_ms": _ms(started, decoded), **_suffixed(pixels.ms), **_suffixed(words.ms)}
    ms |= {"frames_ms": _ms(framed, done), "total_ms": _ms(started, done)}
    return review, ms


def _suffixed(ms: dict[str, float]) -> dict[str, float]:
    return {f"{name}_ms": value for name, value in ms.items()}


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 1)
