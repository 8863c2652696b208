"""What video.json and each comments.jsonl line may hold: strict types (a list is never taken for
a string, a float never for a count) and ranges that keep every value representable in the
protos, so each response renders as valid proto3 JSON.

Counts are int64 (0..2^63-1); durations are bounded far inside google.protobuf.Duration
(|s| <= 315,576,000,000) and times inside Timestamp (0001-01-01..9999-12-31 UTC).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MAX_COUNT = 2**63 - 1
# Longer than any video YouTube serves (its live archives stop at 12 hours).
MAX_VIDEO_SECONDS = 30 * 86_400
MAX_TAGS = 500  # YouTube allows 500 characters of tags in all, so at most 500 of them
_MAX_TIME_TEXT = 64  # "2026-03-14T15:00:00.000000+00:00" is 32 characters
_ISO_DURATION = re.compile(
    r"P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]+)?)S)?)?", re.ASCII
)
COUNT_RULE = f"must be a whole number from 0 to {MAX_COUNT:,}"
TEXT_RULE = "must be a string"
OPTIONAL_TEXT_RULE = "must be a string or null"
_TAGS_RULE = f"must be a list of at most {MAX_TAGS} strings"

Count = Annotated[int, Field(ge=0, le=MAX_COUNT, description=COUNT_RULE)]
Text = Annotated[str, Field(description=TEXT_RULE)]
OptionalText = Annotated[str | None, Field(description=OPTIONAL_TEXT_RULE)]


class VideoFile(BaseModel):
    """video.json. Unknown keys are ignored, so bundles may carry notes of their own."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    video_id: Text = ""
    title: Text
    channel: Text = ""
    channel_id: Text = ""
    description: Text = ""
    duration: Annotated[
        str | None, Field(description="must be an ISO 8601 duration such as PT12M34S, or null")
    ] = None
    published_at: Annotated[
        str | None, Field(description="must be an RFC 3339 time with a zone, or null")
    ] = None
    default_language: Text = ""
    transcript_language: OptionalText = None
    view_count: Count = 0
    like_count: Count = 0
    comment_count: Count = 0
    tags: Annotated[list[str], Field(max_length=MAX_TAGS, description=_TAGS_RULE)] = []


class CommentLine(BaseModel):
    """One line of comments.jsonl."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    id: Annotated[str, Field(min_length=1, description="must be a non-empty string")]
    text: Text
    author: Text = ""
    like_count: Count = 0
    published_at: Annotated[
        str | None, Field(description="must be an RFC 3339 time with a zone, or null")
    ] = None
    parent_id: OptionalText = None


def parse_iso_duration(text: str) -> float:
    """Seconds in an ISO 8601 duration as YouTube writes it ("PT1H2M3S", "P1DT2H"), from 0 to
    30 days; ValueError otherwise."""
    stripped = text.strip()
    match = _ISO_DURATION.fullmatch(stripped) if len(stripped) <= _MAX_TIME_TEXT else None
    if not match or stripped in {"P", "PT"}:
        raise ValueError(f"{stripped[:_MAX_TIME_TEXT]!r} is not one")
    days, hours, minutes, seconds = (float(group or 0) for group in match.groups())
    total = days * 86_400 + hours * 3600 + minutes * 60 + seconds
    if not total <= MAX_VIDEO_SECONDS:  # also refuses inf and nan from overlong digit runs
        raise ValueError(f"{stripped!r} is longer than the 30 days (P30D) a video may last")
    return total


def parse_time(text: str | None) -> datetime | None:
    """An RFC 3339 time with a zone, in UTC; ValueError for one without a zone or outside
    0001-01-01..9999-12-31 UTC (what a protobuf Timestamp holds)."""
    if not text:
        return None
    if len(text) > _MAX_TIME_TEXT:
        raise ValueError(f"a time has at most {_MAX_TIME_TEXT} characters")
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"time without a timezone: {text!r}")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{text!r} lies outside the years 1 to 9999 in UTC") from None
