"""Where everything goes on the card: the character panel on top, caption and prompt below.

The panel shrinks (down to a floor) when a long prompt needs room; the text then shrinks
and, as a last resort, is cut with an ellipsis, so nothing ever leaves the card.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from services.photocard.domain import Layout
from services.photocard.engines.local.fonts import BOLD, REGULAR, font
from services.photocard.engines.local.text_layout import LINE_SPACING, TextBlock, fit_text, wrap

MARGIN = {Layout.PORTRAIT: 64, Layout.SQUARE: 56}
MIN_PANEL = {Layout.PORTRAIT: 620, Layout.SQUARE: 440}
GAP = 30  # between panel and caption
PROMPT_GAP = 18  # between caption and prompt
CAPTION_SIZES = (46, 28)  # largest, smallest font size in px
PROMPT_SIZES = (38, 18)
COMFORT_PROMPT_SIZE = 32  # the panel gives way until the prompt fits at this size
CAPTION_LINES = 2


@dataclass(frozen=True, slots=True)
class CardPlan:
    width: int
    height: int
    panel: tuple[int, int, int]  # x, y, side of the square character panel
    caption: TextBlock
    prompt: TextBlock | None

    def text_boxes(self) -> list[tuple[int, int, int, int]]:
        """Ink boxes (x0, y0, x1, y1) of every line of text on the card."""
        blocks = [self.caption] + ([self.prompt] if self.prompt else [])
        return [box for block in blocks for box in block.line_boxes()]


def plan_card(layout: Layout, caption: str, prompt: str) -> CardPlan:
    width, height = layout.size
    margin = MARGIN[layout]
    inner = width - 2 * margin
    caption_room = _lines_height(BOLD, CAPTION_SIZES[0], CAPTION_LINES)
    caption_block = fit_text(
        caption, BOLD, (margin, 0, inner, caption_room), CAPTION_SIZES, centred=True
    )
    below_panel = GAP + caption_block.height
    if prompt:
        wanted = wrap(prompt, font(REGULAR, COMFORT_PROMPT_SIZE), inner)
        below_panel += PROMPT_GAP + _lines_height(REGULAR, COMFORT_PROMPT_SIZE, len(wanted))
    side = max(MIN_PANEL[layout], min(inner, height - 2 * margin - below_panel))
    panel_x = (width - side) // 2

    caption_block = replace(caption_block, y=margin + side + GAP)
    prompt_block = None
    if prompt:
        top = caption_block.y + caption_block.height + PROMPT_GAP
        room = (margin, top, inner, height - margin - top)
        prompt_block = fit_text(prompt, REGULAR, room, PROMPT_SIZES, centred=len(prompt) <= 90)

    # Centre the whole stack vertically when it does not fill the card.
    bottom = (prompt_block or caption_block).y + (prompt_block or caption_block).height
    shift = max(0, (height - margin - bottom) // 2)
    return CardPlan(
        width=width,
        height=height,
        panel=(panel_x, margin + shift, side),
        caption=replace(caption_block, y=caption_block.y + shift),
        prompt=replace(prompt_block, y=prompt_block.y + shift) if prompt_block else None,
    )


def _lines_height(font_name: str, size: int, lines: int) -> int:
    ascent, descent = font(font_name, size).getmetrics()
    pitch = round(size * LINE_SPACING)
    return (max(1, lines) - 1) * pitch + ascent + descent
