"""The thumbnail text reader on rendered thumbnails with known English and Korean words."""

from __future__ import annotations

import numpy as np
import pytest

from tubelens.vision.ocr import read_text
from tubelens.vision.synthetic_text import render
from tubelens.vision.text_regions import find_text_lines

pytest.importorskip("tesserocr", reason="tesserocr (in-process tesseract) is not installed")


def test_most_rendered_words_are_read_in_both_languages():
    """A quick check on six images; bench/thumbnail_ocr.py measures the real figure."""
    hits = total = 0
    for seed in range(500, 506):
        sample = render(seed, "ko" if seed % 2 else "en")
        reading = read_text(sample.image)
        assert reading.available
        read = [w.text for w in reading.words]
        hits += sum(word in read for word in sample.words)
        total += len(sample.words)
    assert hits / total >= 0.75


def test_words_are_located_where_they_were_drawn():
    sample = render(5, "en")  # words drawn in the upper part of the frame, left aligned
    reading = read_text(sample.image)
    assert reading.words
    for word in reading.words:
        assert 0 <= word.x < 1280 and 0 <= word.y < 720
        assert 20 <= word.height <= 200


def test_outlined_text_has_high_contrast_lines():
    reading = read_text(render(2, "ko").image)  # yellow fill, black outline
    line = reading.lines[0]
    fill, ring = np.array(line.fill_bgr, float), np.array(line.surround_bgr, float)
    assert np.abs(fill - ring).sum() > 200


def test_a_plain_picture_has_no_text():
    ramp = np.tile(np.linspace(0, 255, 1280, dtype=np.uint8), (720, 1))
    image = np.dstack([ramp, ramp[:, ::-1], np.full_like(ramp, 90)])
    assert find_text_lines(image) == []
    assert read_text(image).words == ()


def test_words_are_tidied_and_hangul_pieces_joined():
    from tubelens.vision.text_words import joined, tidy

    assert tidy("[FAST") == "FAST" and tidy("M@RNING") == "MORNING" and tidy("@home") == "@home"
    pieces = [("브", 90.0, [0, 0, 30, 40]), ("이로그", 88.0, [34, 0, 120, 40])]
    assert [p[0] for p in joined(pieces, [])] == ["브이로그"]
    apart = [("라떼", 90.0, [0, 0, 60, 40]), ("만들기", 90.0, [80, 0, 170, 40])]
    assert [p[0] for p in joined(apart, [(62, 78)])] == ["라떼", "만들기"]
    latin = [("EASY", 90.0, [0, 0, 60, 40]), ("BREAD", 90.0, [64, 0, 140, 40])]
    assert [p[0] for p in joined(latin, [])] == ["EASY", "BREAD"]  # tesseract's Latin breaks stand


def test_an_outline_is_replaced_by_the_fill_it_encloses():
    from tubelens.vision.text_colours import enclosed_fill

    labels = np.zeros((40, 80), np.int32)  # 0: picture
    labels[7:33, 7:33] = 1  # a letter's outline ...
    labels[10:30, 10:30] = 2  # ... around its fill
    labels[10:30, 50:70] = 2  # a patch of the picture in the fill's colour, outside
    fill = enclosed_fill(labels, labels == 1)
    assert fill[10:30, 10:30].all()
    assert not fill[:, 40:].any() and not fill[7:10].any()
    solid = labels == 2  # a cluster enclosing nothing is kept as it is
    assert (enclosed_fill(labels, solid) == solid).all()


def test_a_lone_bar_among_capitals_is_the_word_i():
    from tubelens.vision.text_words import with_capital_i

    box = [0, 0, 10, 10]
    line = [("TRIP", 95.0, box), ("|", 94.0, box)]
    assert [p[0] for p in with_capital_i(line)] == ["TRIP", "I"]
    korean = [("여행", 95.0, box), ("|", 94.0, box)]
    assert [p[0] for p in with_capital_i(korean)] == ["여행", "|"]  # no capitals: left alone


def test_a_single_hangul_syllable_is_a_text_line():
    from PIL import Image, ImageDraw, ImageFont

    from tubelens.vision.synthetic_text import FONT_DIR

    canvas = Image.new("RGB", (1280, 720), (40, 90, 160))
    face = ImageFont.truetype(FONT_DIR + "NanumGothicBold.ttf", 96)
    ImageDraw.Draw(canvas).text((200, 300), "빵", font=face, fill=(255, 255, 255))
    image = np.asarray(canvas)[:, :, ::-1].copy()
    boxes = find_text_lines(image)
    assert len(boxes) == 1 and 150 <= boxes[0].x <= 210 and 250 <= boxes[0].y <= 320
    assert [w.text for w in read_text(image).words] == ["빵"]
