"""Thumbnails with known text, rendered for measuring the text reader (bench and tests).

Each one looks like a real creator thumbnail: a busy or photographic background, one to three
lines of bold English or Korean words in the usual styles (white or yellow fill with a dark
outline, dark text on a light banner, coloured text with a white outline). The words drawn are
returned with the image, so recognition can be scored word by word.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/nanum/"
FONTS = ("NanumGothicBold.ttf", "NanumSquareB.ttf", "NanumBarunGothicBold.ttf")
ENGLISH_WORDS = (
    "EASY BREAD RECIPE NEVER AGAIN HOW I MADE BEST COFFEE AT HOME WEEKEND VLOG TOP TRICKS "
    "SECRET SOURDOUGH TESTED REVIEW HONEST DAY WORTH IT BUDGET SETUP FAST BEGINNER GUIDE "
    "WATCH THIS FIRST MISTAKES REAL LIFE CAMPING TRIP UPDATE SIMPLE MORNING ROUTINE"
)
KOREAN_WORDS = (
    "홈카페 라떼 만들기 초보 레시피 꿀팁 진짜 맛있는 브이로그 일상 주말 여행 솔직 후기 "
    "커피 집에서 간단한 아침 루틴 실패 없는 비법 공개 최고 추천 카메라 캠핑 요리 빵 굽기"
)
ENGLISH, KOREAN = ENGLISH_WORDS.split(), KOREAN_WORDS.split()
# (fill, outline or None, banner behind the line or None), RGB
STYLES = (
    ((255, 255, 255), (0, 0, 0), None),
    ((255, 230, 0), (0, 0, 0), None),
    ((20, 20, 20), None, (255, 255, 255)),
    ((230, 30, 40), (255, 255, 255), None),
    ((255, 255, 255), None, (200, 20, 30)),
)


@dataclass(frozen=True, slots=True)
class TextThumbnail:
    image: np.ndarray  # BGR 720x1280
    words: tuple[str, ...]
    language: str  # "en" or "ko"


def render(seed: int, language: str, background: np.ndarray | None = None) -> TextThumbnail:
    """One 1280x720 thumbnail; the same seed always gives the same image and words."""
    rng = random.Random(seed)
    canvas = _background(rng, background)
    vocabulary = KOREAN if language == "ko" else ENGLISH
    lines = [rng.sample(vocabulary, rng.randint(1, 3)) for _ in range(rng.randint(1, 3))]
    fill, outline, banner = rng.choice(STYLES)
    size = rng.randint(64, 110) if len(lines) < 3 else rng.randint(60, 84)
    face = ImageFont.truetype(FONT_DIR + rng.choice(FONTS), size)
    draw = ImageDraw.Draw(canvas)
    x0 = rng.randint(40, 120)
    y = rng.randint(30, 110)
    stroke = max(3, size // 14) if outline else 0
    for words in lines:
        text = " ".join(words)
        while draw.textlength(text, font=face) + x0 > 1240 and len(words) > 1:
            words.pop()
            text = " ".join(words)
        left, top, right, bottom = draw.textbbox((x0, y), text, font=face, stroke_width=stroke)
        if banner:
            draw.rectangle((left - 18, top - 12, right + 18, bottom + 12), fill=banner)
        draw.text((x0, y), text, font=face, fill=fill, stroke_width=stroke, stroke_fill=outline)
        y = bottom + rng.randint(24, 44)
    image = cv2.cvtColor(np.asarray(canvas), cv2.COLOR_RGB2BGR)
    return TextThumbnail(image, tuple(w for line in lines for w in line), language)


def _background(rng: random.Random, photo: np.ndarray | None) -> Image.Image:
    """A photo (when given), or busy shapes over a gradient with noise."""
    if photo is not None:
        base = cv2.resize(photo, (1280, 720), interpolation=cv2.INTER_AREA)
        return Image.fromarray(cv2.cvtColor(base, cv2.COLOR_BGR2RGB))
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    top, bottom = np_rng.integers(0, 256, 3), np_rng.integers(0, 256, 3)
    ramp = np.linspace(0, 1, 720)[:, None, None]
    image = (top * (1 - ramp) + bottom * ramp) * np.ones((720, 1280, 3))
    canvas = Image.fromarray(image.astype(np.uint8))
    draw = ImageDraw.Draw(canvas)
    for _ in range(rng.randint(10, 40)):  # clutter: shapes in every colour
        x, y = rng.randrange(1280), rng.randrange(720)
        r = rng.randint(10, 160)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    noisy = np.asarray(canvas).astype(np.int16) + np_rng.normal(0, 12, (720, 1280, 3))
    blurred = cv2.GaussianBlur(np.clip(noisy, 0, 255).astype(np.uint8), (0, 0), 1.2)
    return Image.fromarray(blurred)
