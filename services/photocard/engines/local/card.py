"""Draw the card with Pillow: palette gradient, framed character panel, caption and prompt."""

from __future__ import annotations

import colorsys
import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from services.photocard.engines.local.card_layout import CardPlan
from services.photocard.engines.local.fonts import font
from tubelens.vision.palette import Swatch

RADIUS = 44
FRAME = 8  # white frame around the panel, px
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
    out = io.BytesIO()
    card.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _panel(character: np.ndarray, side: int, accent: Rgb) -> Image.Image:
    """The character on a soft radial glow, with its own faint shadow for depth."""
    glow = np.hypot(*np.meshgrid(np.linspace(-1, 1, side), np.linspace(-1.2, 0.8, side)))
    weight = np.clip(glow / 1.3, 0, 1)[..., None]
    inner, outer = np.array(_pastel(accent, 0.9)), np.array(_pastel(accent, 0.55))
    backdrop = Image.fromarray((inner * (1 - weight) + outer * weight).astype(np.uint8), "RGB")
    figure = Image.fromarray(character, "RGBA").resize((side, side), Image.Resampling.LANCZOS)
    shadow_alpha = figure.getchannel("A").filter(ImageFilter.GaussianBlur(side / 60))
    shadow = Image.new("RGBA", figure.size, (*_deep(accent), 0))
    shadow.putalpha(shadow_alpha.point(lambda v: v * 0.35))
    backdrop.paste(shadow, (round(side / 45), round(side / 60)), shadow)
    backdrop.paste(figure, (0, 0), figure)
    return backdrop


def _drop_shadow(card: Image.Image, box: tuple[int, int, int, int]) -> None:
    layer = Image.new("L", card.size, 0)
    x0, y0, x1, y1 = box
    ImageDraw.Draw(layer).rounded_rectangle((x0 + 6, y0 + 18, x1 + 6, y1 + 18), RADIUS, fill=90)
    layer = layer.filter(ImageFilter.GaussianBlur(22))
    card.paste(Image.new("RGB", card.size, (30, 24, 40)), (0, 0), layer)


def _rounded_mask(side: int) -> Image.Image:
    mask = Image.new("L", (side, side), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, side - 1, side - 1), RADIUS, fill=255)
    return mask


def _gradient(width: int, height: int, top: Rgb, bottom: Rgb) -> Image.Image:
    """Diagonal blend from `top` (upper left) to `bottom` (lower right)."""
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    t = np.clip((ys / height) * 0.75 + (xs / width) * 0.25, 0, 1)[..., None]
    blend = np.array(top) * (1 - t) + np.array(bottom) * t
    return Image.fromarray(blend.astype(np.uint8), "RGB")


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
