"""Timestamps a model returns, checked against the video's length."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def check_offsets(
    items: Sequence[T], start_of: Callable[[T], float], duration: float, what: str
) -> tuple[list[tuple[T, float]], list[str]]:
    """Each kept item with its checked start, and notes on what was changed.

    Negative starts become 0; starts at or past the end of the video are impossible and the
    item is dropped. With an unknown duration (0) only negatives are fixed.
    """
    kept: list[tuple[T, float]] = []
    clamped = dropped = 0
    for item in items:
        start = start_of(item)
        if start < 0:
            start, clamped = 0.0, clamped + 1
        if duration > 0 and start >= duration:
            dropped += 1
            continue
        kept.append((item, start))
    notes = []
    if dropped:
        notes.append(
            f"{dropped} {what} with a timestamp past the end of the video "
            f"({duration:.0f} s) were dropped."
        )
    if clamped:
        notes.append(f"{clamped} {what} with a negative timestamp were moved to 0:00.")
    return kept, notes
