"""What every video source shares: load-once parts and a report of what loading them cost."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from tubelens.observability.tracing import span

T = TypeVar("T")
PARTS = ("metadata", "transcript", "comments", "thumbnail", "video")


@dataclass(frozen=True, slots=True)
class InputReport:
    """How the inputs of one task were obtained, for its provenance."""

    quota_units: int = 0  # YouTube Data API units spent on them during this call
    cached: bool = False  # every YouTube input came from the gateway's cache
    transcript_track: str = ""
    notes: tuple[str, ...] = ()
    partial: bool = False  # an input was cut for this call only (see Provenance.partial)


class Once:
    """Runs each named loader at most once and shares the result with every waiter."""

    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task] = {}

    def get(self, name: str, load: Callable[[], Awaitable[T]]) -> Awaitable[T]:
        if name not in self._tasks:
            self._tasks[name] = asyncio.ensure_future(_traced(name, load))
        return asyncio.shield(self._tasks[name])


async def _traced(name: str, load: Callable[[], Awaitable[T]]) -> T:
    """One span per input part read (YouTube or a bundle), under the analysis that asked."""
    with span("input.fetch", part=name):
        return await load()
