"""Read the words of a thumbnail with tesseract (English and Korean), fast.

Per candidate line (tubelens.vision.text_regions): the crop is scaled to the height tesseract
reads best, its colours are split into clusters (text fill, outline or banner, picture), the
most letter-like clusters become black-on-white images (an outline is replaced by the fill it
encloses, a banner by the letters cut out of it), and tesseract reads each as a single line,
stopping at the first clear reading; the most confident reading wins. Its words are then
rebuilt as a person sees them (text_words). tesseract runs in-process
(tubelens.vision.tesseract): one loaded model per thread, English alone first on each line, so
a call costs milliseconds, not a process start.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from tubelens.vision import tesseract
from tubelens.vision.text_colours import (
    CLUSTERS,
    banner_letters,
    colour_clusters,
    enclosed_fill,
    letter_like,
    touching_border,
    wcag_contrast,
    with_ring,
    without_specks,
)
from tubelens.vision.text_regions import LineBox, find_text_lines
from tubelens.vision.text_words import (
    confidence_floor,
    joined,
    measured_spaces,
    spans_space,
    split_at_spaces,
    tidy,
    with_capital_i,
)

SPLIT_SPACE = 0.4  # of the letter height: a space this wide splits a word tesseract glued
READ_HEIGHT = 80  # px; a line box this tall has letters ~57 px high, read best on our tuning sets
CANDIDATES = 3  # colour clusters tried as the letters, most letter-like first
SURE = 80.0  # a line read this confidently is not read again from another colour
COVERED = 0.5  # ... if its words also cover at least half the width of its letters
# Letters covered at most 0.28 of their line box in the 402 readings that found words on 160
# rendered thumbnails and the two samples; a candidate covering more is a block of colour.
MAX_INK = 0.4


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    confidence: float  # 0..100
    x: int  # pixels in the analysed image
    y: int
    width: int
    height: int
    line: int  # index of the line it was read in


@dataclass(frozen=True, slots=True)
class TextLine:
    box: LineBox
    fill_bgr: tuple[int, int, int]  # median colour of the letters
    surround_bgr: tuple[int, int, int]  # median colour right around them
    text_mask_share: float  # share of the line box covered by letter pixels


@dataclass(frozen=True, slots=True)
class Reading:
    words: tuple[Word, ...]
    lines: tuple[TextLine, ...]  # only lines where words were read
    available: bool  # False when tesseract is not installed


def read_text(image: np.ndarray, english_first: bool = True) -> Reading:
    """Words and text lines in a BGR image (English and Korean). `english_first=False` when
    Korean text is expected (a Korean title): each line is then read with both models at once
    rather than with the English one first."""
    if tesseract.handle() is None:
        return Reading((), (), available=False)
    words: list[Word] = []
    lines: list[TextLine] = []
    for box in find_text_lines(image):
        found, line = _read_line(image, box, len(lines), english_first)
        if found:
            words.extend(found)
            lines.append(line)
    return Reading(tuple(words), tuple(lines), available=True)


def _read_line(
    image: np.ndarray, box: LineBox, index: int, english_first: bool
) -> tuple[list, TextLine]:
    crop = image[box.y : box.y + box.height, box.x : box.x + box.width]
    scale = READ_HEIGHT / max(1, crop.shape[0])
    crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    labels = colour_clusters(crop)
    best: tuple[float, list[Word], np.ndarray] = (0.0, [], np.zeros(0, bool))
    for cluster in letter_like(labels)[:CANDIDATES]:
        mask = enclosed_fill(labels, labels == cluster)
        words, ink_width = _recognise(mask, box, scale, index, english_first)
        confidence = sum(w.confidence * len(w.text) for w in words)
        if confidence > best[0]:
            best = (confidence, words, mask)
        # Measured against the letters' own width: a line box often runs on into the picture.
        covered = sum(w.width for w in words) / max(1, min(box.width, ink_width))
        if words and min(w.confidence for w in words) >= SURE and covered >= COVERED:
            break  # a clear reading: the other candidates cannot do better, skip their cost
    _, words, mask = best
    if not words:
        return [], TextLine(box, (0, 0, 0), (0, 0, 0), 0.0)
    border = np.concatenate([mask[0], mask[-1], mask[:, 0], mask[:, -1]])
    if border.mean() > 0.5:
        # tesseract read the letters as holes in the background: the letters are the rest,
        # a fill and often an outline; the pair that stands apart most is what viewers see.
        enclosed = ~mask & ~touching_border(~mask)
        counts = np.bincount(labels[enclosed], minlength=CLUSTERS)
        parts = [enclosed & (labels == c) for c in np.flatnonzero(counts >= 0.1 * enclosed.sum())]
    else:
        parts = [mask]
    fill, surround, letters = max(
        (with_ring(crop, part) for part in parts if part.any()),
        key=lambda found: wcag_contrast(found[0], found[1]),
        default=((0, 0, 0), (0, 0, 0), mask),
    )
    line = TextLine(box, fill, surround, float(letters.mean()))
    return words, line


def _recognise(
    mask: np.ndarray, box: LineBox, scale: float, line: int, english_first: bool
) -> tuple[list[Word], int]:
    """The words read from one candidate letter mask, and how wide its letters spread (px)."""
    clean = banner_letters(without_specks(mask))
    if clean.mean() > MAX_INK:
        return [], 0  # a block of colour, not letters: tesseract would find nothing, slowly
    columns = np.flatnonzero(clean.any(axis=0))
    ink_width = round((columns[-1] + 1 - columns[0]) / scale) if columns.size else 0
    words_read, symbols = tesseract.read_line(clean, english_first)
    spaces = measured_spaces(clean, words_read)
    # tesseract's own breaks between Latin words are good; it is overruled only where the
    # letters stand a wide space apart (it glues words when crumbs sit in the space).
    height = float(np.median([p[2][3] - p[2][1] for p in words_read])) if words_read else 0.0
    wide = [(a, b) for a, b in spaces if b - a >= SPLIT_SPACE * height]
    if any(spans_space(box, wide) for _, _, box in words_read):
        pieces = split_at_spaces(words_read, symbols(), wide)
    else:
        pieces = words_read
    words = []
    pieces = with_capital_i(joined(pieces, spaces))
    for text, confidence, (x0, y0, x1, y1) in pieces:
        text = tidy(text)
        if not any(c.isalnum() for c in text) or confidence < confidence_floor(text):
            continue
        words.append(
            Word(
                text=text,
                confidence=round(confidence, 1),
                x=box.x + round(x0 / scale),
                y=box.y + round(y0 / scale),
                width=round((x1 - x0) / scale),
                height=round((y1 - y0) / scale),
                line=line,
            )
        )
    return words, ink_width


def warm_up() -> bool:
    """Loads this thread's tesseract models now (the first read would otherwise pay for it);
    False when tesseract is not installed."""
    return tesseract.handle(tesseract.ENGLISH) is not None and tesseract.handle() is not None
