"""Captions say only what was measured, in English or Korean; colours get plain names."""

from __future__ import annotations

import pytest

from services.photocard.engines.local.caption import Observations, write_caption
from services.photocard.engines.local.colour_names import colour_name
from services.photocard.engines.local.face_crop import square_crop
from tubelens.domain import Box
from tubelens.vision.faces import DetectedFace


def seen(**changes):
    base = {
        "people": 1,
        "smiling": True,
        "clothing": ("orange", "black"),
        "background": "gray",
        "brightness": 0.5,
    }
    return Observations(**{**base, **changes})


def test_english_caption_of_one_smiling_person():
    assert write_caption(seen(), "en") == (
        "One smiling person in orange and black, against a gray background."
    )


def test_korean_caption_when_language_starts_with_ko():
    assert write_caption(seen(), "ko-KR") == "웃고 있는 한 사람, 주황색과 검은색 옷차림, 회색 배경."


def test_unmeasured_things_are_not_claimed():
    caption = write_caption(seen(smiling=False, clothing=(), background=None), "en")
    assert caption == "One person."


def test_several_people_and_light():
    assert write_caption(seen(people=3, clothing=("blue",), brightness=0.2), "en") == (
        "3 people, the main one smiling and in blue, against a gray background; dimly lit."
    )
    assert write_caption(seen(people=2, smiling=False, brightness=0.8), "ko") == (
        "2명의 사람, 주황색과 검은색 옷차림, 회색 배경, 밝은 조명."
    )


@pytest.mark.parametrize(
    ("bgr", "name"),
    [
        ((0, 0, 0), "black"),
        ((255, 255, 255), "white"),
        ((128, 128, 128), "gray"),
        ((0, 0, 230), "red"),
        ((30, 110, 230), "orange"),
        ((20, 220, 240), "yellow"),
        ((40, 180, 40), "green"),
        ((220, 90, 30), "blue"),
        ((110, 30, 20), "navy"),
        ((30, 60, 110), "brown"),
        ((180, 120, 230), "pink"),
    ],
)
def test_colour_names(bgr, name):
    assert colour_name(bgr) == name


@pytest.mark.parametrize(("x", "y"), [(0, 0), (900, 0), (0, 500), (940, 540)])
def test_crop_is_square_and_stays_inside_the_photo(x, y):
    face = DetectedFace(x, y, 60, 60, Box(0, 0, 0, 0))
    crop = square_crop(face, 1000, 600)
    assert crop.width == crop.height == 180
    assert 0 <= crop.x <= 1000 - crop.width and 0 <= crop.y <= 600 - crop.height
    assert crop.x <= x and x + 60 <= crop.x + crop.width  # the face is inside the crop
