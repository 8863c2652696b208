"""Thumbnail text in the review: legibility at small sizes, contrast, title match, advice."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from services.thumbnail.domain import ThumbnailRequest, ThumbnailText
from services.thumbnail.engines.local import review_thumbnail
from services.thumbnail.engines.local.text import contrast_ratio
from services.thumbnail.engines.local.title_match import match_title
from tubelens.domain import Box

pytest.importorskip("tesserocr", reason="tesserocr (in-process tesseract) is not installed")
FONT = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"


def thumbnail(lines: list[tuple[str, int]], fill=(255, 255, 255), outline=(0, 0, 0)) -> bytes:
    canvas = Image.new("RGB", (1280, 720), (40, 90, 160))
    draw = ImageDraw.Draw(canvas)
    y = 60
    for text, size in lines:
        face = ImageFont.truetype(FONT, size)
        draw.text((80, y), text, font=face, fill=fill, stroke_width=size // 12, stroke_fill=outline)
        y += round(size * 1.5)
    bgr = cv2.cvtColor(np.asarray(canvas), cv2.COLOR_RGB2BGR)
    return cv2.imencode(".png", bgr)[1].tobytes()


def word(text: str) -> ThumbnailText:
    return ThumbnailText(text, Box(0.1, 0.1, 0.2, 0.1), 90.0, 10.0, 12.0, True, True)


def test_big_outlined_words_are_read_legible_and_echo_the_title():
    review = review_thumbnail(
        ThumbnailRequest(image=thumbnail([("EASY SOURDOUGH", 120)]), title="Easy sourdough bread")
    )
    read = [t.text for t in review.texts]
    assert read == ["EASY", "SOURDOUGH"]
    assert all(t.legible_small and t.contrast_ratio > 7 for t in review.texts)
    assert review.title_match.verdict == "echoes"
    assert "TEXT_READABLE" in [f.code for f in review.findings]
    assert 0.02 < review.text_area_share < 0.2


def test_small_text_is_flagged_with_its_size_at_168x94():
    review = review_thumbnail(ThumbnailRequest(image=thumbnail([("recipe notes inside", 44)])))
    assert review.texts, "the small line should still be read at full size"
    small = next(f for f in review.findings if f.code == "TEXT_TOO_SMALL")
    tallest = max(t.height_at_small for t in review.texts)
    assert tallest < 8 and f"{tallest:.1f} px" in small.message
    assert "1280x720" in small.suggestion


def test_text_criterion_rewards_readable_text():
    big = review_thumbnail(ThumbnailRequest(image=thumbnail([("BIG WORDS", 130)])))
    small = review_thumbnail(ThumbnailRequest(image=thumbnail([("tiny words here", 40)])))
    text_score = {r: next(c.score for c in r.criteria if c.name == "text") for r in (big, small)}
    assert text_score[big] > text_score[small]


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((120, 120, 120), (120, 120, 120)) == pytest.approx(1.0)


def test_title_match_verdicts():
    assert match_title((), "anything").verdict == "no_text"
    assert match_title((word("라떼"),), "집에서 라떼를 만드는 법").verdict == "echoes"
    assert match_title((word("SHOCKING"),), "Easy sourdough bread").verdict == "complements"
    long_title = "how I bake easy sourdough bread every week"
    repeated = tuple(word(w) for w in long_title.split())
    assert match_title(repeated, long_title).verdict == "repeats_title"
