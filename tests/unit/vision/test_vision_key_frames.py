"""Summary key frames (services/summary/engines/local/video.py): one still per chapter."""

from __future__ import annotations

from services.summary.domain import Chapter
from services.summary.engines.local.video import key_frames
from tubelens.vision.video_types import EncodedStill


def still(time: float, quality: float) -> EncodedStill:
    return EncodedStill(time=time, jpeg=f"jpeg@{time}".encode(), quality=quality)


STILLS = (still(5, 0.4), still(20, 0.9), still(70, 0.3), still(95, 0.8), still(170, 0.5))


def test_each_chapter_gets_its_best_still():
    chapters = [Chapter("Intro", 0, 60), Chapter("Main", 60, 120), Chapter("End", 120, 180)]
    frames = key_frames(STILLS, chapters, 180)
    assert [(f.chapter_index, f.time) for f in frames] == [(0, 20), (1, 95), (2, 170)]
    assert frames[0].image_jpeg == b"jpeg@20"


def test_a_chapter_without_a_still_takes_the_nearest_one():
    frames = key_frames(STILLS, [Chapter("Gap", 100, 160)], 180)
    assert [f.time for f in frames] == [95]  # middle 130: 95 is 35 s away, 170 is 40 s


def test_without_chapters_the_video_is_cut_into_stretches():
    frames = key_frames(STILLS, [], 180)  # at least four stretches: 0-45-90-135-180 s
    assert [f.chapter_index for f in frames] == [-1, -1, -1, -1]
    assert [f.time for f in frames] == [20, 70, 95, 170]
    long_video = key_frames(STILLS, [], 600)  # a minute each: ten
    assert len(long_video) == 10


def test_no_stills_no_key_frames():
    assert key_frames((), [Chapter("A", 0, 10)], 10) == ()
