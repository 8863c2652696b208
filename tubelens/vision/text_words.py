"""Word work for the text reader: tesseract's pieces of a line, made into the words a person
sees (spaces measured on the letters decide where words break), with confidence floors."""

from __future__ import annotations

import numpy as np

PAD = 12  # white margin around a line, px; tesseract's boxes are shifted back by it
# Lowest confidence (0..100) accepted by word length: long words are rarely invented, while
# one- and two-letter "words" are what tesseract reads into textures.
MIN_WORD_CONFIDENCE = {1: 85.0, 2: 50.0}
NUMBER_CONFIDENCE = 80.0  # "3", "10": numbers are hooks, but textures read as digits too
LONG_WORD_CONFIDENCE = 35.0
TRIM = ".,;:'\"`~_|[](){}<>"
BARS = ("|", "l", "]", "[")  # how tesseract reads a lone sans-serif capital I
SPACE_SHARE = 0.25  # an empty column run this wide (x text height) separates two words
LINE_OVER_LETTERS = 1.4  # a line box is its letters' height plus a fifth above and below
SYLLABLE_GAP = 0.4  # of the height: Hangul pieces further apart stay separate words
SPACE_OVER_LETTER_GAP = 1.6  # ... and this many times the typical gap between letters


Piece = tuple[str, float, list[int]]  # text, confidence, [x0, y0, x1, y1] in the line mask


def tesseract_pieces(api: object, level: int, iterate_level: object) -> list[Piece]:
    pieces = []
    iterator = api.GetIterator()
    for item in iterate_level(iterator, level) if iterator else ():
        try:
            text = (item.GetUTF8Text(level) or "").strip()
        except RuntimeError:  # tesserocr's way of saying "nothing here"
            continue
        x0, y0, x1, y1 = item.BoundingBox(level)
        pieces.append((text, item.Confidence(level), [x0 - PAD, y0 - PAD, x1 - PAD, y1 - PAD]))
    return pieces


def untangled(pieces: list[Piece]) -> list[Piece]:
    """Drop a "word" whose box holds two or more other words (tesseract sometimes returns a
    second, garbled reading over the same letters)."""

    def holds(outer: list[int], inner: list[int]) -> bool:
        return outer[0] <= (inner[0] + inner[2]) / 2 <= outer[2] and outer != inner

    return [p for p in pieces if sum(holds(p[2], q[2]) for q in pieces) < 2]


def spans_space(box: list[int], spaces: list[tuple[int, int]]) -> bool:
    return any(box[0] + 2 < a and b < box[2] - 2 for a, b in spaces)


def split_at_spaces(
    words: list[Piece], symbols: list[Piece], spaces: list[tuple[int, int]]
) -> list[Piece]:
    """Words tesseract glued over a measured space, cut there using its letters' boxes."""
    out: list[Piece] = []
    for text, confidence, box in words:
        if not spans_space(box, spaces):
            out.append((text, confidence, box))
            continue
        inside = [s for s in symbols if box[0] <= (s[2][0] + s[2][2]) / 2 <= box[2]]
        symbols = [s for s in symbols if s not in inside]  # each letter belongs to one word
        group: list[Piece] = []
        for symbol in inside:
            if group and any(
                (group[-1][2][0] + group[-1][2][2]) / 2 <= a
                and b <= (symbol[2][0] + symbol[2][2]) / 2
                for a, b in spaces
            ):
                out.append(_merge(group, confidence))
                group = []
            group.append(symbol)
        if group:
            out.append(_merge(group, confidence))
    return out


def _merge(group: list[Piece], confidence: float) -> Piece:
    boxes = np.array([g[2] for g in group])
    x0, y0 = boxes[:, :2].min(axis=0)
    x1, y1 = boxes[:, 2:].max(axis=0)
    return "".join(g[0] for g in group), confidence, [int(x0), int(y0), int(x1), int(y1)]


def measured_spaces(
    mask: np.ndarray, pieces: list[tuple[str, float, list[int]]]
) -> list[tuple[int, int]]:
    """Column runs without ink wide enough to be a space between words (not between letters
    or Hangul syllables), measured on the letters themselves rather than on tesseract's boxes,
    in the band of rows the words occupy (so a banner's edge does not bridge the spaces)."""
    if not pieces:
        return []
    top = max(0, round(float(np.median([p[2][1] for p in pieces]))))
    bottom = round(float(np.median([p[2][3] for p in pieces])))
    if bottom - top < 4:
        return []
    band = mask[top:bottom]
    inked = np.concatenate([[True], band.any(axis=0), [True]])
    edges = np.flatnonzero(np.diff(inked.astype(np.int8)))  # starts and ends of empty runs
    runs = list(zip(edges[::2], edges[1::2], strict=False))[1:-1]  # not the margins
    if not runs:
        return []
    # Between letters of outlined text the fills stand two outlines apart, so a fixed share
    # of the height is not enough: a space must also be clearly wider than a letter gap.
    letter_gap = float(np.median([b - a for a, b in runs]))
    # The band can be too tall when a piece's box is garbage; the line box's own height
    # (letters plus their padding) bounds the letter height.
    height = min(bottom - top, mask.shape[0] / LINE_OVER_LETTERS)
    min_gap = max(SPACE_SHARE * height, SPACE_OVER_LETTER_GAP * letter_gap)
    return [(a, b) for a, b in runs if b - a >= min_gap]


def _hangul(char: str) -> bool:
    """A Hangul syllable, or a lone jamo (how tesseract sometimes reads a syllable's part)."""
    return len(char) == 1 and ("\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e")


def tidy(text: str) -> str:
    """Strip stray punctuation; inside a capitalised word an "@" is a misread "O" (bold
    outlined O's counter holds a crumb of outline), as thumbnails put no "@" mid-word."""
    text = text.strip(TRIM)
    if "@" in text[1:] and text.replace("@", "").isupper():
        text = text.replace("@", "O")
    return text


def with_capital_i(pieces: list[Piece]) -> list[Piece]:
    """A lone bar ("|", "l") among capitalised Latin words is the word "I": in the bold sans
    fonts of thumbnails a capital I is a bare bar, and thumbnails put no pipes between words."""
    capitals = any(len(p[0]) > 1 and p[0].isascii() and p[0].isupper() for p in pieces)
    if not capitals:
        return pieces
    return [("I", c, box) if text in BARS else (text, c, box) for text, c, box in pieces]


def confidence_floor(text: str) -> float:
    if text.isdigit():
        return NUMBER_CONFIDENCE
    return MIN_WORD_CONFIDENCE.get(len(text), LONG_WORD_CONFIDENCE)


def joined(pieces: list[Piece], spaces: list[tuple[int, int]]) -> list[Piece]:
    """Glue Hangul pieces tesseract split inside a word (it often cuts between syllables, and
    between a number and its counter, as in 3분):
    Hangul neighbours with no measured space between them are one word."""
    out: list[Piece] = []
    for text, confidence, box in pieces:
        if out:
            last_text, last_confidence, last = out[-1]
            left, right = (last[0] + last[2]) / 2, (box[0] + box[2]) / 2
            hangul = (_hangul(last_text[-1:]) or last_text[-1:].isdigit()) and _hangul(text[:1])
            height = max(last[3] - last[1], box[3] - box[1])
            wide = box[0] - last[2] > SYLLABLE_GAP * height
            apart = not hangul or wide or any(left <= a and b <= right for a, b in spaces)
            if not apart:
                merged = [min(last[0], box[0]), min(last[1], box[1])]
                merged += [max(last[2], box[2]), max(last[3], box[3])]
                out[-1] = (last_text + text, min(last_confidence, confidence), merged)
                continue
        out.append((text, confidence, box))
    return out
