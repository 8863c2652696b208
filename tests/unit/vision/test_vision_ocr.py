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
