"""The thumbnail's words as a creator needs them: where, how big, how contrasted, how legible.

Legibility at YouTube's small sizes is judged from two measurements, not guessed:
- letter height after scaling the thumbnail to 168x94 (search sidebar) and 320x180 (home
  feed): at least MIN_DISPLAY_LETTER_PX pixels, the size below which bold letters smear;
- WCAG contrast ratio between the letters' fill and the colour right around them (outline or
  background): at least MIN_CONTRAST_RATIO, WCAG's floor for large text.
"""

from __future__ import annotations

import numpy as np

from services.thumbnail.domain import ThumbnailText
from tubelens.domain import Box
from tubelens.vision.ocr import Reading, read_text
from tubelens.vision.text_colours import wcag_contrast as contrast_ratio
from tubelens.vision.youtube_display import MEDIUM_SIZE, SMALL_SIZE

SMALL_HEIGHT, MEDIUM_HEIGHT = SMALL_SIZE[1], MEDIUM_SIZE[1]  # px; YouTube's small sizes
MIN_DISPLAY_LETTER_PX = 8.0
MIN_CONTRAST_RATIO = 3.0


def find_text(
    image: np.ndarray, english_first: bool = True
) -> tuple[tuple[ThumbnailText, ...], bool]:
    """Words read in a BGR thumbnail, and whether text reading was available at all
    (`english_first`: see tubelens.vision.ocr.read_text)."""
    reading = read_text(image, english_first)
    return texts_from(reading, image.shape[1], image.shape[0]), reading.available


def texts_from(reading: Reading, width: int, height: int) -> tuple[ThumbnailText, ...]:
    out = []
    for word in reading.words:
        line = reading.lines[word.line] if word.line < len(reading.lines) else None
        ratio = contrast_ratio(line.fill_bgr, line.surround_bgr) if line else 1.0
        letter_share = word.height / height
        out.append(
            ThumbnailText(
                text=word.text,
                box=Box(word.x / width, word.y / height, word.width / width, word.height / height),
                confidence=word.confidence,
                contrast_ratio=round(ratio, 2),
                height_at_small=round(letter_share * SMALL_HEIGHT, 1),
                legible_small=_legible(letter_share * SMALL_HEIGHT, ratio),
                legible_medium=_legible(letter_share * MEDIUM_HEIGHT, ratio),
            )
        )
    return tuple(out)


def text_area_share(texts: tuple[ThumbnailText, ...]) -> float:
    """Share of the frame the words' boxes cover (overlaps counted once per word)."""
    return round(min(1.0, sum(t.box.area for t in texts)), 4)


def _legible(letter_px: float, ratio: float) -> bool:
    return letter_px >= MIN_DISPLAY_LETTER_PX and ratio >= MIN_CONTRAST_RATIO
