"""The cheaper reading: English alone first, banners' cut-out letters, blank margins cut off."""

from __future__ import annotations

import numpy as np
import pytest

from tubelens.vision import tesseract
from tubelens.vision.ocr import read_text
from tubelens.vision.synthetic_text import render
from tubelens.vision.text_colours import banner_letters

pytest.importorskip("tesserocr", reason="tesserocr (in-process tesseract) is not installed")


def test_a_banner_gives_its_cut_out_letters():
    banner = np.zeros((80, 300), bool)
    banner[10:70, 10:290] = True
    letters = np.zeros_like(banner)
    for left in range(30, 270, 50):  # five "letters" cut out of the banner
        letters[20:60, left : left + 30] = True
    found = banner_letters(banner & ~letters)
    assert (found == letters).all()
    plain = np.zeros_like(banner)
    plain[25:55, 30:55] = plain[25:55, 80:105] = True  # letters themselves: left alone
    assert (banner_letters(plain) == plain).all()


def test_english_lines_need_one_model_and_korean_lines_both(monkeypatch):
    used: list[object] = []
    read = tesseract._read
    monkeypatch.setattr(tesseract, "_read", lambda api, page: used.append(api) or read(api, page))
    english, both = tesseract.handle(tesseract.ENGLISH), tesseract.handle()

    words = [w.text for w in read_text(render(0, "en").image).words]
    assert words and set(used) == {english}, "every English line was sure with `eng` alone"
    used.clear()
    found = [w.text for w in read_text(render(1, "ko").image, english_first=False).words]
    assert used and set(used) == {both}
    assert any("\uac00" <= c <= "\ud7a3" for word in found for c in word)


def test_both_orders_read_a_korean_thumbnail_alike():
    sample = render(3, "ko")
    first = [w.text for w in read_text(sample.image).words]
    assert first == [w.text for w in read_text(sample.image, english_first=False).words]


def test_a_blank_line_is_not_sent_to_tesseract(monkeypatch):
    monkeypatch.setattr(tesseract, "_read", lambda api, page: pytest.fail("tesseract was called"))
    words, symbols = tesseract.read_line(np.zeros((80, 600), bool))
    assert words == [] and symbols() == []
