"""Chapters written in the description, parsed exactly and held to YouTube's rules."""

from __future__ import annotations

import pytest

from services.summary.domain import Chapter
from services.summary.engines.local.description_chapters import (
    description_chapters,
    parse_chapter_line,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("0:00 Intro", (0.0, "Intro")),
        ("1:25 Feeding the starter", (85.0, "Feeding the starter")),
        ("1:02:03 - Part two", (3723.0, "Part two")),
        ("(12:30) Shaping the loaf", (750.0, "Shaping the loaf")),
        ("[04:05] | Baking", (245.0, "Baking")),
        ("• 75:00 Long tail", (4500.0, "Long tail")),
        ("Scoring the dough - 3:10", (190.0, "Scoring the dough")),
        ("Outro (10:00)", (600.0, "Outro")),
        ("0:00 - 1:25 Intro and tools", (0.0, "Intro and tools")),
        ("2:15 반죽 접기", (135.0, "반죽 접기")),
        ("2:40 우유 스티밍 (공기 주입)", (160.0, "우유 스티밍 (공기 주입)")),
        ("Mix 2:1 flour", None),
        ("1:25", None),
        ("Follow me on Instagram", None),
    ],
)
def test_chapter_lines(line, expected):
    assert parse_chapter_line(line) == expected


DESCRIPTION = """Classic sourdough at home, step by step.

0:00 Intro
1:25 Feeding the starter
(4:10) Mixing the dough
Shaping - 7:45
10:02 Baking

Recipe at https://example.com/bread
"""


def test_description_chapters_are_parsed_exactly_with_ends():
    assert description_chapters(DESCRIPTION, duration_seconds=720.0) == [
        Chapter("Intro", 0.0, 85.0),
        Chapter("Feeding the starter", 85.0, 250.0),
        Chapter("Mixing the dough", 250.0, 465.0),
        Chapter("Shaping", 465.0, 602.0),
        Chapter("Baking", 602.0, 720.0),
    ]


def test_the_list_must_start_at_zero():
    assert description_chapters("0:30 Intro\n1:25 Feeding\n4:10 Mixing", 600.0) == []


def test_the_list_needs_three_chapters():
    assert description_chapters("0:00 Intro\n1:25 Feeding", 600.0) == []


def test_the_list_ends_where_times_stop_increasing():
    text = "0:00 Intro\n1:00 Mix\n2:00 Bake\n\nGear:\n0:45 Flour I use\n"
    chapters = description_chapters(text, 300.0)
    assert [c.title for c in chapters] == ["Intro", "Mix", "Bake"]
    assert chapters[-1].end == 300.0


def test_times_past_the_end_of_the_video_are_not_chapters():
    text = "0:00 Intro\n1:00 Mix\n2:00 Bake\n9:00 Bonus"
    assert [c.start for c in description_chapters(text, 300.0)] == [0.0, 60.0, 120.0]
