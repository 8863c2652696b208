"""Values from YouTube the protos cannot carry make its answer unreadable (UNAVAILABLE with
YOUTUBE_BAD_RESPONSE) instead of breaking the response later as INTERNAL."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.youtube.parse import parse_comment, parse_video
from tubelens.bundles import MAX_COUNT
from tubelens.errors import Unavailable


def video(**overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "dQw4w9WgXcQ",
        "snippet": {"title": "t", "publishedAt": "2026-03-14T15:00:00Z"},
        "contentDetails": {"duration": "PT3M33S"},
        "statistics": {"viewCount": "12", "likeCount": "3", "commentCount": "1"},
    }
    for path, value in overrides.items():
        part, field = path.split("__")
        item[part][field] = value
    return item


def test_ordinary_values_are_read() -> None:
    metadata = parse_video(video(statistics__viewCount=str(MAX_COUNT)), "dQw4w9WgXcQ").metadata
    assert (metadata.view_count, metadata.duration_seconds) == (MAX_COUNT, 213)


@pytest.mark.parametrize(
    "overrides",
    [
        {"statistics__viewCount": str(2**70)},
        {"statistics__likeCount": "-1"},
        {"statistics__commentCount": 1e999},
        {"statistics__viewCount": [1]},
        {"contentDetails__duration": "P99999999999999D"},
        {"snippet__publishedAt": "9999-12-31T23:00:00-05:00"},
    ],
)
def test_values_out_of_range_are_a_bad_response(overrides: dict[str, Any]) -> None:
    with pytest.raises(Unavailable) as caught:
        parse_video(video(**overrides), "dQw4w9WgXcQ")
    assert caught.value.reason == "YOUTUBE_BAD_RESPONSE"


@pytest.mark.parametrize("likes", [2**63, 1e999, "lots"])
def test_a_comment_with_an_impossible_like_count_is_a_bad_response(likes: object) -> None:
    item = {"id": "c1", "snippet": {"textOriginal": "hi", "likeCount": likes}}
    with pytest.raises(Unavailable):
        parse_comment(item, "dQw4w9WgXcQ")
