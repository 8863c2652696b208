"""Fetched YouTube data, kept for a while so repeated analyses of one video spend no quota.

Entries are asyncio tasks, so concurrent analyses of the same video share one fetch. A fetch
that fails is dropped at once: the next call tries again instead of replaying the failure.

An entry may record how much it holds (a comment cap): it then also serves any request for
less under the same key, finished or still in flight, and a request for more fetches anew and
takes its place.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from cachetools import TTLCache

from tubelens.observability import metrics

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Entry:
    task: asyncio.Task[Any]
    holds: int


class FetchCache:
    def __init__(self, size: int, ttl_seconds: float) -> None:
        self._entries: TTLCache[Hashable, _Entry] | None = (
            TTLCache(maxsize=size, ttl=ttl_seconds) if ttl_seconds > 0 else None
        )

    async def get(
        self, key: Hashable, fetch: Callable[[], Awaitable[T]], holds: int = 0
    ) -> tuple[T, bool]:
        """(value, True when it came from an entry already cached or being fetched) for `key`,
        from an entry that holds at least `holds`."""
        if self._entries is None:
            return await fetch(), False
        entry = self._entries.get(key)
        hit = entry is not None and entry.holds >= holds and not _failed(entry.task)
        metrics.record_cache("youtube_input", int(hit), int(not hit))
        if entry is None or not hit:
            entry = _Entry(asyncio.ensure_future(fetch()), holds)
            entry.task.add_done_callback(lambda _: self._forget_failure(key, entry))
            self._entries[key] = entry  # a fresh entry, with a fresh time to live
        return await asyncio.shield(entry.task), hit

    def _forget_failure(self, key: Hashable, entry: _Entry) -> None:
        if _failed(entry.task) and self._entries is not None and self._entries.get(key) is entry:
            del self._entries[key]


def _failed(task: asyncio.Task[Any]) -> bool:
    return task.done() and (task.cancelled() or task.exception() is not None)
