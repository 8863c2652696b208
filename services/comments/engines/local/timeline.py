"""Sentiment over time since publication, in periods that grow as comments thin out.

Most comments arrive in the first hours and days, so the periods are 0-6 h, 6-24 h, 1-3 days,
3-7 days, 1-4 weeks, 1-3 months, and then one period per quarter year onwards. Periods
without comments are left out.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from services.comments.domain import SentimentPeriod
from services.comments.engines.local.reading import ReadComment, sentiment_shares

_EDGES_HOURS = (0.0, 6.0, 24.0, 72.0, 168.0, 672.0, 2160.0)
_QUARTER_HOURS = 2190.0


def _period(hours: float) -> tuple[float, float]:
    for start, end in itertools.pairwise(_EDGES_HOURS):
        if hours < end:
            return start, end
    index = int((hours - _EDGES_HOURS[-1]) // _QUARTER_HOURS)
    start = _EDGES_HOURS[-1] + index * _QUARTER_HOURS
    return start, start + _QUARTER_HOURS


def sentiment_over_time(
    read: Sequence[ReadComment], published_at: datetime | None
) -> tuple[SentimentPeriod, ...]:
    """Periods oldest first; empty without a publish time or dated comments."""
    if published_at is None:
        return ()
    grouped: dict[tuple[float, float], list[ReadComment]] = defaultdict(list)
    for item in read:
        written = item.comment.published_at
        if written is None:
            continue
        # A comment stamped a little before publication (premieres, clock skew) is the first.
        hours = max((written - published_at).total_seconds() / 3600.0, 0.0)
        grouped[_period(hours)].append(item)
    return tuple(
        SentimentPeriod(
            start_hours=start,
            end_hours=end,
            comment_count=len(items),
            sentiment=sentiment_shares(items),
        )
        for (start, end), items in sorted(grouped.items())
    )
