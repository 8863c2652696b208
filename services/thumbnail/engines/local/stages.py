"""The review in stages: what the pixels measure, what the words read, and the review built
from both for one request.

The local engine runs them back to back on one decoded image. The gemini engine runs the two
measuring stages in the worker pool, caches them by the image's content, and reads words only
when the model saw text (see services.thumbnail.engines.gemini). Building the review is cheap
arithmetic on the measurements, so it may run anywhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from services.thumbnail.domain import (
    Face,
    FrameSuggestion,
    PaletteColor,
    Severity,
    ThumbnailRequest,
    ThumbnailReview,
    ThumbnailText,
)
from services.thumbnail.engines.local.advice import advise, compose
from services.thumbnail.engines.local.faces import find_faces
from services.thumbnail.engines.local.findings import build_findings
from services.thumbnail.engines.local.metrics import Measurements, measure
from services.thumbnail.engines.local.scoring import overall_score, score_criteria
from services.thumbnail.engines.local.text import find_text, text_area_share
from services.thumbnail.engines.local.title_match import match_title
from tubelens.vision.saliency import Composition, composition

NO_OCR_NOTE = (
    "Text in the image was not read: tesseract (tesserocr with the eng and kor models) is not "
    "installed where this service runs."
)
READ_NOTE = "Text was read with tesseract (English and Korean): {count} word(s)."
T = TypeVar("T")
_SEVERITY_ORDER = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Pixels:
    """Everything measured from the pixels except the words; depends on the image alone."""

    measurements: Measurements
    faces: tuple[Face, ...]
    salience: Composition
    analysed_height: int  # of the analysis copy the text boxes are measured on
    ms: dict[str, float] = field(default_factory=dict)  # per stage, for the logs


@dataclass(frozen=True, slots=True)
class Words:
    texts: tuple[ThumbnailText, ...]
    read: bool  # False when tesseract is not installed
    ms: dict[str, float] = field(default_factory=dict)


def measure_pixels(
    image: np.ndarray, width: int, height: int, faces: Future | None = None
) -> Pixels:
    """The text-independent measurements of a decoded BGR thumbnail (`width` x `height` upload).
    `faces`: the face search already started on this image with `beside(find_faces, image)`."""
    clock = _Clock()
    m = clock.time("measure", measure, image, width, height)
    salience = clock.time("saliency", composition, image)
    if faces is None:
        found = clock.time("faces", find_faces, image)
    else:
        found, clock.ms["faces"] = faces.result()
    return Pixels(m, found, salience, image.shape[0], clock.ms)


def read_words(image: np.ndarray, english_first: bool = True) -> Words:
    clock = _Clock()
    texts, can_read = clock.time("text", find_text, image, english_first)
    return Words(texts, can_read, clock.ms)


def korean_expected(request: ThumbnailRequest) -> bool:
    """A Korean title or review language: the lines are then read with both models at once."""
    title = request.title or ""
    hangul = any("\uac00" <= c <= "\ud7a3" for c in title)
    return hangul or request.language.lower().startswith("ko")


def assemble(
    pixels: Pixels,
    words: Words,
    request: ThumbnailRequest,
    frames: tuple[FrameSuggestion, ...] = (),
    notes: tuple[str, ...] | None = None,
) -> ThumbnailReview:
    """The review of `request` from its measurements: scores, findings, title match."""
    m, faces, texts, can_read = pixels.measurements, pixels.faces, words.texts, words.read
    layout = compose(pixels.salience, faces, texts, m.edge_density)
    title = match_title(texts, request.title) if request.title and can_read else None
    criteria = score_criteria(m, faces, texts, layout)
    share = text_area_share(texts)
    extra = advise(
        texts, share, can_read, layout, title, faces, pixels.analysed_height, request.language
    )
    findings = sorted(
        build_findings(m, faces, request.language) + tuple(extra),
        key=lambda f: _SEVERITY_ORDER[f.severity],
    )
    return ThumbnailReview(
        width=m.width,
        height=m.height,
        aspect_ratio=round(m.aspect_ratio, 4),
        meets_recommended_size=m.meets_recommended_size,
        brightness=round(m.brightness, 4),
        contrast=round(m.contrast, 4),
        colorfulness=round(m.colorfulness, 2),
        palette=tuple(PaletteColor(hex=s.hex, share=round(s.share, 4)) for s in m.palette),
        faces=faces,
        score=overall_score(criteria),
        criteria=criteria,
        findings=tuple(findings),
        notes=local_notes(words) if notes is None else notes,
        texts=texts,
        text_area_share=share,
        composition=layout,
        title_match=title,
        frame_suggestions=frames,
    )


def local_notes(words: Words) -> tuple[str, ...]:
    return (READ_NOTE.format(count=len(words.texts)),) if words.read else (NO_OCR_NOTE,)


class _Clock:
    """Wall milliseconds per named stage."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}

    def time(self, name: str, function: Callable[..., T], *args: Any) -> T:
        started = time.perf_counter()
        result = function(*args)
        self.ms[name] = round((time.perf_counter() - started) * 1000, 1)
        return result
