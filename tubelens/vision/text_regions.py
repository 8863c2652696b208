"""Where the text lines of a thumbnail are, before anything is read.

Thumbnail text is bold strokes much thinner than the shapes behind it, brighter or darker than
what touches them (an outline, a banner, the picture). Morphological top-hats keep exactly such
thin strokes and drop large shapes and smooth gradients, whatever the background. Strokes are
then joined sideways into line boxes. The reader (tubelens.vision.ocr) decides which boxes hold
words; this step only has to find every line and not too much else.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

SEARCH_WIDTH = 640  # lines are searched on a copy this wide: fast, and text stays > 10 px
STROKE_KERNEL = 15  # px at SEARCH_WIDTH; wider than any text stroke, narrower than shapes
MIN_STROKE_CONTRAST = 45  # luma levels a stroke must stand out from its surroundings
MIN_LINE_HEIGHT = 9  # px at SEARCH_WIDTH (18 px at 1280x720): smaller text is not text to us
MAX_LINE_HEIGHT = 0.5  # of the image height
MAX_LINES = 8
MIN_LINE_WIDTH = 0.85  # x its height: one Hangul syllable ("빵") is about square
VALLEY = 0.2  # rows under this share of a typical row's strokes separate two lines
SPLIT_HEIGHT = 0.2  # of the image height: a taller run of rows is more than one line


@dataclass(frozen=True, slots=True)
class LineBox:
    x: int  # pixels in the analysed image
    y: int
    width: int
    height: int


def find_text_lines(image: np.ndarray) -> list[LineBox]:
    """Candidate text lines of a BGR image, top to bottom, in its own pixel coordinates."""
    width = image.shape[1]
    scale = SEARCH_WIDTH / width
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (STROKE_KERNEL, STROKE_KERNEL))
    bright = cv2.morphologyEx(small, cv2.MORPH_TOPHAT, kernel)
    dark = cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, kernel)
    # Bright and dark strokes are searched apart: the white gaps between dark letters on a
    # banner are "bright strokes" too, and together the two would fuse stacked lines.
    boxes = [
        box
        for hat in (bright, dark)
        for box in _lines_in(hat > MIN_STROKE_CONTRAST, small.shape, scale)
    ]
    boxes = _without_containers(boxes)
    # The largest candidates are likeliest to be the headline; keep a bounded number.
    boxes = sorted(boxes, key=lambda b: b.height * b.width, reverse=True)[:MAX_LINES]
    return sorted(boxes, key=lambda b: (b.y, b.x))


def _lines_in(mask: np.ndarray, shape: tuple[int, int], scale: float) -> list[LineBox]:
    strokes = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    # Letters of a line sit side by side: close the gaps between them and between words.
    joined = cv2.morphologyEx(strokes, cv2.MORPH_CLOSE, cv2.getStructuringElement(0, (17, 3)))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    boxes = []
    for label, (x, y, w, h, _) in enumerate(stats[1:], start=1):
        if h < MIN_LINE_HEIGHT:
            continue
        piece = strokes[y : y + h, x : x + w] * (labels[y : y + h, x : x + w] == label)
        for top, bottom in _rows_of_text(piece, round(SPLIT_HEIGHT * shape[0])):
            columns = np.flatnonzero(piece[top:bottom].any(axis=0))
            left, right = x + columns[0], x + columns[-1] + 1
            box = _line_box(shape, scale, (left, y + top, right - left, bottom - top))
            if box is not None:
                boxes.append(box)
    return boxes


def _without_containers(boxes: list[LineBox]) -> list[LineBox]:
    """Drop a box holding two or more others (a whole banner block), then near-duplicates."""

    def holds(outer: LineBox, inner: LineBox) -> bool:
        cx, cy = inner.x + inner.width / 2, inner.y + inner.height / 2
        inside = outer.x <= cx <= outer.x + outer.width and outer.y <= cy <= outer.y + outer.height
        return inside and inner.height < 0.75 * outer.height

    kept = [b for b in boxes if sum(holds(b, other) for other in boxes) < 2]
    unique: list[LineBox] = []
    for box in sorted(kept, key=lambda b: b.width * b.height, reverse=True):
        if all(_overlap(box, other) < 0.6 for other in unique):
            unique.append(box)
    return unique


def _overlap(a: LineBox, b: LineBox) -> float:
    """Share of the smaller box inside the other."""
    w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    return max(0, w) * max(0, h) / max(1, min(a.width * a.height, b.width * b.height))


def _rows_of_text(piece: np.ndarray, split_height: int) -> list[tuple[int, int]]:
    """Runs of rows holding strokes: stacked lines (banners, captions) come apart here.

    A run taller than `split_height` holds several lines whose outlines or shadows touch:
    those leave a valley, not a gap, in the row profile, and the run is cut there too.
    """
    filled = piece.sum(axis=1).astype(np.float64)
    active = filled > max(2, 0.02 * piece.shape[1])
    runs = [run for run in _runs(active) if run[1] - run[0] >= MIN_LINE_HEIGHT]
    out = []
    for top, bottom in runs:
        if bottom - top <= split_height:
            out.append((top, bottom))
            continue
        profile = np.convolve(filled[top:bottom], np.ones(3) / 3, mode="same")
        dense = profile >= VALLEY * np.median(profile)
        out += [(top + a, top + b) for a, b in _runs(dense) if b - a >= MIN_LINE_HEIGHT]
    return out


def _runs(active: np.ndarray) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for row, on in enumerate([*active, False]):
        if on and start is None:
            start = row
        elif not on and start is not None:
            if runs and start - runs[-1][1] <= 2:  # a hairline gap inside a line of Hangul
                runs[-1] = (runs[-1][0], row)
            else:
                runs.append((start, row))
            start = None
    return runs


def _line_box(
    shape: tuple[int, int], scale: float, rect: tuple[int, int, int, int]
) -> LineBox | None:
    """A padded box in full-size pixels, or None when the rectangle cannot be a text line."""
    x, y, w, h = rect
    if h > MAX_LINE_HEIGHT * shape[0] or w < MIN_LINE_WIDTH * h:
        return None  # taller than any headline, or too narrow for a word or syllable
    pad = max(2, h // 5)
    x0, y0 = max(0, x - pad), max(0, y - pad)
    x1, y1 = min(shape[1], x + w + pad), min(shape[0], y + h + pad)
    return LineBox(
        round(x0 / scale), round(y0 / scale), round((x1 - x0) / scale), round((y1 - y0) / scale)
    )
