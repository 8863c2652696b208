"""Name a measured colour in plain words (English or Korean), from its hue, saturation, value."""

from __future__ import annotations

import colorsys

# (English, Korean) for each name the classifier below can return.
NAMES: dict[str, tuple[str, str]] = {
    "black": ("black", "검은색"),
    "white": ("white", "흰색"),
    "gray": ("gray", "회색"),
    "beige": ("beige", "베이지색"),
    "brown": ("brown", "갈색"),
    "red": ("red", "빨간색"),
    "orange": ("orange", "주황색"),
    "yellow": ("yellow", "노란색"),
    "green": ("green", "초록색"),
    "teal": ("teal", "청록색"),
    "blue": ("blue", "파란색"),
    "navy": ("navy", "남색"),
    "purple": ("purple", "보라색"),
    "pink": ("pink", "분홍색"),
}


def colour_name(bgr: tuple[int, int, int]) -> str:
    """A key of NAMES for a BGR colour."""
    b, g, r = (channel / 255.0 for channel in bgr)
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    degrees = hue * 360.0
    if value < 0.2:
        return "black"
    if saturation < 0.15 or (saturation < 0.25 and value < 0.4):
        return "white" if value > 0.85 else "black" if value < 0.3 else "gray"
    if 15 <= degrees < 50 and saturation < 0.4 and value > 0.7:
        return "beige"
    if 10 <= degrees < 50 and value < 0.55:
        return "brown"
    for upper, name in (
        (12, "red"),
        (40, "orange"),
        (68, "yellow"),
        (160, "green"),
        (195, "teal"),
        (250, "blue"),
        (290, "purple"),
        (340, "pink"),
    ):
        if degrees < upper:
            return "navy" if name == "blue" and value < 0.45 else name
    return "red"


def localised(name: str, language: str) -> str:
    english, korean = NAMES[name]
    return korean if language == "ko" else english
