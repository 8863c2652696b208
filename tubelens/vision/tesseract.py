"""tesseract in-process (tesserocr): one loaded handle per thread and language set, and the
cheapest reading of a line that is as good as the full one.

Measured on the reader's line images of the two samples: the Korean model costs about twice
the English one, and `kor+eng` costs `kor` plus `eng` on every Latin line (tesseract accepts
few of its Korean model's readings of Latin letters and then runs the English one too), while a
Hangul line costs about what `kor` alone does. So a line is read with `eng` alone first and
kept when every word is Latin and at least ENGLISH_SURE confident (on the samples, `eng` read
every Hangul line with at least one word under 50); anything else is read again with `kor+eng`.
Inverted reading is off: the reader hands tesseract dark letters on white itself (a banner's
cut-out letters included), and re-reading every unclear line inverted took a third of
tesseract's time on the samples' lines.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from tubelens.vision.text_words import PAD, Piece, tesseract_pieces, untangled

LANGUAGES = "kor+eng"  # Korean first: fewer misread syllables, English as good (tuning sets)
ENGLISH = "eng"
ENGLISH_SURE = 85.0  # every word of an `eng` reading this confident: no need for `kor+eng`
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",  # Debian/Ubuntu: tesseract-ocr-eng, -kor
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
)
SETTINGS = {"tessedit_do_invert": "0"}

_local = threading.local()


def handle(languages: str = LANGUAGES) -> object | None:
    """This thread's tesseract for `languages`, loaded once; None when tesserocr or the models
    are missing."""
    handles: dict[str, object | None] = _local.__dict__.setdefault("handles", {})
    if languages not in handles:
        handles[languages] = _load(languages)
    return handles[languages]


def read_line(
    letters: np.ndarray, english_first: bool = True
) -> tuple[list[Piece], Callable[[], list[Piece]]]:
    """tesseract's words in a line whose letter pixels are `letters`, in its coordinates, and a
    function giving the single letters of that reading. English alone first (unless the caller
    expects Korean), both languages when unsure. Blank columns either side are cut off first:
    tesseract's cost grows with the line's width, blank or not."""
    columns = np.flatnonzero(letters.any(axis=0))
    if columns.size == 0:
        return [], list
    left = int(columns[0])
    page = np.where(letters[:, left : columns[-1] + 1], 0, 255).astype(np.uint8)
    page = cv2.copyMakeBorder(page, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)
    api, pieces = _best_reading(page, english_first)
    return _shifted(pieces, left), lambda: _shifted(_symbols(api), left)


def _best_reading(page: np.ndarray, english_first: bool) -> tuple[object, list[Piece]]:
    english = handle(ENGLISH) if english_first else None
    if english is not None:
        pieces = _read(english, page)
        if pieces and all(c >= ENGLISH_SURE and t.isascii() for t, c, _ in pieces):
            return english, pieces
    both = handle(LANGUAGES)
    return both, _read(both, page)


def _shifted(pieces: list[Piece], dx: int) -> list[Piece]:
    return [(text, c, [x0 + dx, y0, x1 + dx, y1]) for text, c, (x0, y0, x1, y1) in pieces]


def _symbols(api: object) -> list[Piece]:
    from tesserocr import RIL, iterate_level

    return tesseract_pieces(api, RIL.SYMBOL, iterate_level)


def _read(api: object, page: np.ndarray) -> list[Piece]:
    from tesserocr import RIL, iterate_level

    height, width = page.shape  # raw 8-bit rows: no PIL image and BMP round trip per call
    api.SetImageBytes(np.ascontiguousarray(page).tobytes(), width, height, 1, width)
    api.Recognize()
    return untangled(tesseract_pieces(api, RIL.WORD, iterate_level))


def _load(languages: str) -> object | None:
    # One thread per call: the service already runs calls side by side, and tesseract's
    # OpenMP threads only contend with them (tesseract's own advice for throughput).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        from tesserocr import OEM, PSM, PyTessBaseAPI
    except ImportError:
        return None
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_DIRS]
    for directory in filter(None, candidates):
        if all((Path(directory) / f"{lang}.traineddata").is_file() for lang in ("eng", "kor")):
            return PyTessBaseAPI(
                path=directory,
                lang=languages,
                psm=PSM.SINGLE_LINE,
                oem=OEM.LSTM_ONLY,
                variables=SETTINGS,
            )
    return None
