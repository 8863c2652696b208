"""Fit text into a box: measure with the real font, wrap, shrink, and finally ellipsize.

Wrapping breaks at spaces: between English words and between Korean eojeol. A run too
long for one line (a URL, or Chinese/Japanese without spaces) is broken per character.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import ImageFont

from services.photocard.engines.local.fonts import font

ELLIPSIS = "…"
LINE_SPACING = 1.35  # line pitch as a multiple of the font size


@dataclass(frozen=True, slots=True)
class TextBlock:
    lines: tuple[str, ...]
    font_name: str
    size: int
    line_height: int
    x: int  # left of the box the lines are laid out in
    y: int
    width: int
    centred: bool
    truncated: bool  # True when text was cut and ends with an ellipsis

    @property
    def height(self) -> int:
        """From the top of the first line to the bottom of the last (descenders included)."""
        if not self.lines:
            return 0
        ascent, descent = font(self.font_name, self.size).getmetrics()
        return (len(self.lines) - 1) * self.line_height + ascent + descent

    def line_origins(self) -> list[tuple[int, int]]:
        """Top-left (x, y) at which each line is drawn with anchor "la"."""
        face = font(self.font_name, self.size)
        origins = []
        for index, line in enumerate(self.lines):
            offset = (self.width - round(face.getlength(line))) // 2 if self.centred else 0
            origins.append((self.x + offset, self.y + index * self.line_height))
        return origins

    def line_boxes(self) -> list[tuple[int, int, int, int]]:
        """Ink bounding box (x0, y0, x1, y1) of every line, for drawing and for checks."""
        face = font(self.font_name, self.size)
        return [
            _shift(face.getbbox(line, anchor="la"), x, y)
            for line, (x, y) in zip(self.lines, self.line_origins(), strict=True)
        ]


def fit_text(
    text: str,
    font_name: str,
    box: tuple[int, int, int, int],
    sizes: tuple[int, int],
    centred: bool = False,
) -> TextBlock:
    """Largest size in `sizes` (max, min) at which `text` fits `box` (x, y, width, height).

    If even the smallest size is too tall, as many lines as fit are kept and the last one
    ends with an ellipsis.
    """
    largest, smallest = sizes
    for size in range(largest, smallest, -2):
        block = _layout(text, font_name, size, box, centred)
        if block.height <= box[3]:
            return block
    block = _layout(text, font_name, smallest, box, centred)
    if block.height <= box[3]:
        return block
    face = font(font_name, smallest)
    ascent, descent = face.getmetrics()
    room = max(1, 1 + (box[3] - ascent - descent) // block.line_height)
    kept = [*block.lines[: room - 1], ellipsize(block.lines[room - 1], face, box[2])]
    return TextBlock(
        tuple(kept),
        font_name,
        smallest,
        block.line_height,
        box[0],
        box[1],
        box[2],
        centred,
        truncated=True,
    )


def _layout(
    text: str, font_name: str, size: int, box: tuple[int, int, int, int], centred: bool
) -> TextBlock:
    x, y, width, _ = box
    face = font(font_name, size)
    lines = wrap(text, face, width)
    if centred and len(lines) > 1:
        lines = _balanced(text, face, width, len(lines))
    pitch = round(size * LINE_SPACING)
    return TextBlock(tuple(lines), font_name, size, pitch, x, y, width, centred, truncated=False)


def _balanced(text: str, face: ImageFont.FreeTypeFont, width: int, count: int) -> list[str]:
    """Wrap at the narrowest width that still needs only `count` lines: no lonely last word."""
    low, high = width // 2, width
    while high - low > 4:
        middle = (low + high) // 2
        if len(wrap(text, face, middle)) <= count:
            high = middle
        else:
            low = middle
    return wrap(text, face, high)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if face.getlength(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while face.getlength(line) > width:  # a word wider than the box: split it
                cut = _fitting_prefix(line, face, width)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return [line for line in lines if line] or [""]


def ellipsize(line: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """`line` shortened until it and a trailing ellipsis fit `width`."""
    while line and face.getlength(line.rstrip() + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def _fitting_prefix(word: str, face: ImageFont.FreeTypeFont, width: int) -> int:
    cut = 1
    while cut < len(word) and face.getlength(word[: cut + 1]) <= width:
        cut += 1
    return cut


def _shift(bbox: tuple[float, ...], x: int, y: int) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = bbox
    return round(x0 + x), round(y0 + y), round(x1 + x), round(y1 + y)
