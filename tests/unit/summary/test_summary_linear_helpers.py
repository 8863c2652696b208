"""Helpers rewritten to run in linear time, pinned to their former (quadratic or worse)
definitions on random inputs built to hit their edge cases: plateaus, overlaps, brackets."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from services.summary.engines.local import description, description_chapters, sentences
from services.summary.engines.local.topic_segments import _depth_scores

FORMER_NOISE = re.compile(
    r"\[[^\]]*\]|\((?:music|applause|laughter|laughs|inaudible)\)|♪+|>>", re.I
)
FORMER_TRAILING = re.compile(
    rf"^{description_chapters._BULLET}(?P<title>.*?)[\s(\[]*{description_chapters._STAMP}"
    r"[)\]]?\s*$"
)
FORMER_PROMOTION = re.compile(r"https?://|www\.|\S+@\S+\.\S+|(?:^|\s)@\w", re.I)


def former_depth_scores(curve: np.ndarray) -> np.ndarray:
    depths = np.zeros_like(curve)
    for point, value in enumerate(curve):
        left = right = value
        for neighbour in curve[point - 1 :: -1] if point else ():
            if neighbour < left:
                break
            left = neighbour
        for neighbour in curve[point + 1 :]:
            if neighbour < right:
                break
            right = neighbour
        depths[point] = (left - value) + (right - value)
    return depths


def former_repeated_prefix(previous: list[str], words: list[str]) -> int:
    if words == previous:
        return len(words)
    for size in range(min(len(previous), len(words)), sentences.MIN_OVERLAP_WORDS - 1, -1):
        if previous[-size:] == words[:size]:
            return size
    return 0


def random_text(rng: random.Random, pieces: list[str], longest: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest)))


@pytest.mark.parametrize("seed", range(30))
def test_depth_scores_match_the_point_by_point_scan(seed):
    rng = np.random.default_rng(seed)
    for size in (0, 1, 2, 3, 10, 57):
        levels = rng.integers(0, 4, size).astype(float)  # few levels: many plateaus and ties
        smooth = np.cumsum(rng.normal(size=size))  # long climbs and descents
        for curve in (levels, smooth, rng.random(size)):
            assert np.array_equal(_depth_scores(curve), former_depth_scores(curve))


def test_repeated_prefix_matches_trying_every_length():
    rng = random.Random(5)
    for _ in range(20_000):
        vocabulary = ["a", "b", "c"][: rng.randint(1, 3)]
        previous = rng.choices(vocabulary, k=rng.randint(0, 12))
        words = rng.choices(vocabulary, k=rng.randint(0, 12))
        if previous and rng.random() < 0.3:  # a rolling caption: the tail comes back first
            words = previous[-rng.randint(1, len(previous)) :] + words
        expected = former_repeated_prefix(previous, words)
        assert sentences._repeated_prefix(previous, words) == expected, (previous, words)


def test_noise_removal_matches_the_single_pattern():
    rng = random.Random(6)
    pieces = ["[", "]", "[Music]", "(", ")", "(music)", "(Applause)", "♪", ">", ">>", " ", "la"]
    for _ in range(20_000):
        text = random_text(rng, pieces, 16)
        assert sentences._without_noise(text) == FORMER_NOISE.sub(" ", text), text


def test_trailing_chapter_pattern_matches_the_former_one():
    rng = random.Random(7)
    pieces = [*" \t\n\u3000\xa0-*•>([)]:0123456789aZ.", "1:00", "12:30", "1:02:03", "Intro"]
    matched = 0
    for _ in range(40_000):
        line = random_text(rng, pieces, 14)
        former, now = FORMER_TRAILING.match(line), description_chapters._TRAILING.match(line)
        assert (former is None) == (now is None), line
        if former:
            matched += 1
            assert (now.span(), now.groupdict()) == (former.span(), former.groupdict()), line
    assert matched > 1_000  # the comparison covered matching lines, not only failures


def test_promotion_test_matches_the_former_pattern():
    rng = random.Random(8)
    pieces = [*" \t@.a#/:", "\u3000", "http://", "https://", "www.", "a@b.c", "mail"]
    for _ in range(40_000):
        line = random_text(rng, pieces, 12)
        assert description._promotes(line) == bool(FORMER_PROMOTION.search(line)), line
