"""Draw the card with Pillow: palette gradient, framed character panel, caption and prompt."""

from __future__ import annotations

import colorsys

import cv2
import numpy as np
from PIL import Image, ImageDraw

from services.photocard.engines.local.card_layout import CardPlan
from services.photocard.engines.local.fonts import font
from services.photocard.engines.local.png import png_from_rgb
from tubelens.vision.palette import Swatch

RADIUS = 44
FRAME = 8  # white frame around the panel, px
SHADOW_BLUR = 22
Rgb = tuple[int, int, int]


def render_card(plan: CardPlan, character: np.ndarray, palette: list[Swatch]) -> bytes:
    """PNG bytes of the card; `character` is RGBA uint8, `palette` the photo's colours."""
    accent, second = _theme(palette)
    card = _gradient(plan.width, plan.height, _pastel(accent, 0.72), _pastel(second, 0.6))
    x, y, side = plan.panel
    _drop_shadow(card, (x, y, x + side, y + side))
    card.paste(_panel(character, side, accent), (x, y), _rounded_mask(side))
    draw = ImageDraw.Draw(card)
    draw.rounded_rectangle((x, y, x + side, y + side), RADIUS, outline="white", width=FRAME)
    ink = _deep(accent)
    for block, colour in ((plan.caption, ink), (plan.prompt, (52, 48, 60))):
        if block is None:
            continue
        face = font(block.font_name, block.size)
        for line, origin in zip(block.lines, block.line_origins(), strict=True):
            draw.text(origin, line, font=face, fill=colour, anchor="la")
    return png_from_rgb(np.asarray(card))


def _panel(character: np.ndarray, side: int, accent: Rgb) -> Image.Image:
    """The character on a soft radial glow, with its own faint shadow for depth."""
    xs = np.linspace(-1, 1, side, dtype=np.float32)
    ys = np.linspace(-1.2, 0.8, side, dtype=np.float32)
    weight = np.clip(np.hypot(xs[None, :], ys[:, None]) / 1.3, 0, 1)
    backdrop = _blend(weight, _pastel(accent, 0.9), _pastel(accent, 0.55))
    figure = Image.fromarray(character, "RGBA").resize((side, side), Image.Resampling.LANCZOS)
    shadow_alpha = _soft_shadow(figure.getchannel("A"), side / 60)
    shadow = Image.new("RGBA", figure.size, (*_deep(accent), 0))
    shadow.putalpha(shadow_alpha.point(lambda v: v * 0.35))
    backdrop.paste(shadow, (round(side / 45), round(side / 60)), shadow)
    backdrop.paste(figure, (0, 0), figure)
    return backdrop


def _drop_shadow(card: Image.Image, box: tuple[int, int, int, int]) -> None:
    # Blurred and pasted only around the panel: the rest of the card gets no shadow anyway.
    x0, y0, x1, y1 = box
    reach = 3 * SHADOW_BLUR
    left, top = max(0, x0 + 6 - reach), max(0, y0 + 18 - reach)
    right, bottom = min(card.width, x1 + 6 + reach), min(card.height, y1 + 18 + reach)
    layer = Image.new("L", (right - left, bottom - top), 0)
    shape = (x0 + 6 - left, y0 + 18 - top, x1 + 6 - left, y1 + 18 - top)
    ImageDraw.Draw(layer).rounded_rectangle(shape, RADIUS, fill=90)
    layer = _soft_shadow(layer, SHADOW_BLUR)
    card.paste(Image.new("RGB", layer.size, (30, 24, 40)), (left, top), layer)


def _soft_shadow(mask: Image.Image, sigma: float) -> Image.Image:
    """`mask` Gaussian-blurred by `sigma`: blurred at a quarter size, where the kernel is four
    times shorter on a sixteenth of the pixels, then scaled back up (a blur has no fine detail)."""
    small_size = (max(1, mask.width // 4), max(1, mask.height // 4))
    small = cv2.resize(np.asarray(mask), small_size, interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(small, (0, 0), sigma / 4)
    return Image.fromarray(cv2.resize(blurred, mask.size, interpolation=cv2.INTER_LINEAR), "L")


def _rounded_mask(side: int) -> Image.Image:
    mask = Image.new("L", (side, side), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, side - 1, side - 1), RADIUS, fill=255)
    return mask


def _gradient(width: int, height: int, top: Rgb, bottom: Rgb) -> Image.Image:
    """Diagonal blend from `top` (upper left) to `bottom` (lower right)."""
    # t is a sum of a column and a row term: broadcast them instead of two full-size grids.
    ys = np.arange(height, dtype=np.float32)[:, None] * (0.75 / height)
    xs = np.arange(width, dtype=np.float32)[None, :] * (0.25 / width)
    return _blend(np.clip(ys + xs, 0, 1), top, bottom)


def _blend(weight: np.ndarray, start: Rgb, end: Rgb) -> Image.Image:
    """RGB image start x (1 - weight) + end x weight. One OpenCV pass per channel: numpy's
    (h, w, 1) x (3,) broadcasting is ten times slower."""
    channels = [
        cv2.convertScaleAbs(weight, alpha=e - s, beta=s) for s, e in zip(start, end, strict=True)
    ]
    return Image.fromarray(cv2.merge(channels), "RGB")


def _theme(palette: list[Swatch]) -> tuple[Rgb, Rgb]:
    """The photo's most colourful notable colour as accent, and a second colour."""
    colours = [(s.bgr[2], s.bgr[1], s.bgr[0]) for s in palette if s.share >= 0.05]
    if not colours:
        return (120, 140, 200), (200, 170, 210)
    accent = max(colours, key=lambda c: max(c) - min(c))  # chroma: gray and black lose
    second = next((c for c in colours if c != accent), _rotate(accent))
    return accent, second


def _pastel(colour: Rgb, whiteness: float) -> Rgb:
    r, g, b = (round(v + (255 - v) * whiteness) for v in colour)
    return r, g, b


def _deep(colour: Rgb) -> Rgb:
    """A dark, readable shade of `colour` for text (lightness 0.2)."""
    hue, _, saturation = colorsys.rgb_to_hls(*(v / 255 for v in colour))
    r, g, b = colorsys.hls_to_rgb(hue, 0.2, min(saturation, 0.55))
    return round(r * 255), round(g * 255), round(b * 255)


def _rotate(colour: Rgb) -> Rgb:
    hue, lightness, saturation = colorsys.rgb_to_hls(*(v / 255 for v in colour))
    r, g, b = colorsys.hls_to_rgb((hue + 0.12) % 1.0, lightness, saturation)
    return round(r * 255), round(g * 255), round(b * 255)
