"""Card layout: text is measured with the real font, wraps correctly and never overflows."""

from __future__ import annotations

import io
import itertools

import numpy as np
import pytest
from PIL import Image

from services.photocard.domain import MAX_PROMPT_CHARS, Layout
from services.photocard.engines.local import fonts
from services.photocard.engines.local.card import render_card
from services.photocard.engines.local.card_layout import plan_card
from services.photocard.engines.local.fonts import BOLD, REGULAR, drawable, font, font_path
from services.photocard.engines.local.text_layout import ELLIPSIS, ellipsize, fit_text, wrap
from tubelens.errors import FailedPrecondition
from tubelens.vision.palette import Swatch

KOREAN_PROMPT = (
    "오늘은 정말 특별한 날이었어요. 우주 비행사 훈련 센터를 방문해서 실제 우주복을 입어 보고, "
    "발사대 모형 앞에서 사진도 찍었답니다. "
) * 8
CAPTION = "웃고 있는 한 사람, 검은색과 주황색 옷차림, 회색 배경."


def assert_inside(plan):
    _, panel_top, side = plan.panel
    boxes = plan.text_boxes()
    assert boxes
    for x0, y0, x1, y1 in boxes:
        assert x0 >= 0 and x1 <= plan.width and y0 >= 0 and y1 <= plan.height
        assert y0 >= panel_top + side  # text sits below the character panel
    tops = [box[1] for box in boxes]
    assert tops == sorted(tops)
    for upper, lower in itertools.pairwise(boxes):
        assert upper[3] <= lower[1] + 2  # lines do not overlap


@pytest.mark.parametrize("layout", list(Layout))
def test_a_500_character_korean_prompt_stays_inside_the_card(layout):
    prompt = KOREAN_PROMPT[:MAX_PROMPT_CHARS]
    assert len(prompt) == MAX_PROMPT_CHARS
    plan = plan_card(layout, CAPTION, prompt)
    assert (plan.width, plan.height) == layout.size
    assert_inside(plan)
    assert plan.prompt is not None and plan.prompt.size >= 18


@pytest.mark.parametrize("layout", list(Layout))
def test_text_with_no_spaces_is_broken_per_character_and_ellipsized(layout):
    plan = plan_card(layout, "W" * 200, "W" * MAX_PROMPT_CHARS)
    assert_inside(plan)
    assert len(plan.prompt.lines) > 1 and not plan.prompt.truncated
    assert plan.caption.truncated and plan.caption.lines[-1].endswith(ELLIPSIS)
    assert plan.caption.size == 28  # shrunk to its smallest size before being cut


def test_text_too_long_for_its_box_is_cut_with_an_ellipsis():
    block = fit_text(KOREAN_PROMPT, REGULAR, (10, 20, 500, 200), (38, 18))
    assert block.truncated and block.size == 18
    assert block.lines[-1].endswith(ELLIPSIS)
    assert block.height <= 200
    for x0, y0, x1, y1 in block.line_boxes():
        assert x0 >= 10 and x1 <= 510 and y0 >= 20 and y1 <= 220


def test_card_renders_at_the_planned_size():
    plan = plan_card(Layout.SQUARE, CAPTION, KOREAN_PROMPT[:200])
    character = np.zeros((256, 256, 4), np.uint8)
    character[64:192, 64:192] = (200, 120, 80, 255)
    data = render_card(plan, character, [Swatch((40, 100, 220), 0.6), Swatch((200, 200, 200), 0.4)])
    assert Image.open(io.BytesIO(data)).size == (1080, 1080)


def test_english_wraps_between_words_only():
    text = "Ready for launch at the space center with the whole crew watching from the gallery"
    face = font(REGULAR, 40)
    lines = wrap(text, face, 400)
    assert len(lines) > 2
    assert " ".join(lines) == text  # no word was split
    assert all(face.getlength(line) <= 400 for line in lines)


def test_korean_wraps_between_eojeol_and_overlong_runs_per_character():
    face = font(REGULAR, 40)
    lines = wrap("우주 비행사 훈련 센터를 방문했어요", face, 300)
    assert " ".join(lines) == "우주 비행사 훈련 센터를 방문했어요"
    long_run = "가나다라마바사아자차카타파하" * 3
    pieces = wrap(long_run, face, 300)
    assert "".join(pieces) == long_run and len(pieces) > 1
    assert all(face.getlength(piece) <= 300 for piece in pieces)


def test_fit_text_shrinks_before_it_cuts():
    text = "A caption that is comfortably long enough to need more than one line of text"
    roomy = fit_text(text, BOLD, (0, 0, 600, 400), (46, 20))
    tight = fit_text(text, BOLD, (0, 0, 600, 90), (46, 20))
    assert roomy.size == 46 and not roomy.truncated
    assert tight.size < 46 and tight.height <= 90


def test_ellipsize_fits_the_width():
    face = font(REGULAR, 30)
    short = ellipsize("우주 비행사 훈련 센터를 방문했어요", face, 200)
    assert short.endswith(ELLIPSIS) and face.getlength(short) <= 200


def test_fonts_are_found_and_missing_fonts_name_the_debian_package(monkeypatch, tmp_path):
    assert font_path(REGULAR).name == "NanumGothic.ttf"
    monkeypatch.setattr(fonts, "FONT_DIRS", (tmp_path,))
    font_path.cache_clear()
    try:
        with pytest.raises(FailedPrecondition) as error:
            font_path("NanumGothic.ttf")
        assert "fonts-nanum" in error.value.message
        assert error.value.reason == "FONT_MISSING"
    finally:
        font_path.cache_clear()


def test_characters_the_font_lacks_are_dropped():
    text, dropped = drawable("발사 준비 🚀 완료 ✨ OK")
    assert dropped == 2
    assert text.split() == ["발사", "준비", "완료", "OK"]
