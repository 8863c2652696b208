"""Fetched YouTube data, kept for a while so repeated analyses of one video spend no quota.

Entries are asyncio tasks, so concurrent analyses of the same video share one fetch. A fetch
that fails is dropped at once: the next call tries again instead of replaying the failure.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from cachetools import TTLCache

T = TypeVar("T")


class FetchCache:
    def __init__(self, size: int, ttl_seconds: float) -> None:
        self._entries: TTLCache[Hashable, asyncio.Task[Any]] | None = (
            TTLCache(maxsize=size, ttl=ttl_seconds) if ttl_seconds > 0 else None
        )

    async def get(self, key: Hashable, fetch: Callable[[], Awaitable[T]]) -> tuple[T, bool]:
        """(value, True when it was already cached or being fetched) for `key`."""
        if self._entries is None:
            return await fetch(), False
        task = self._entries.get(key)
        hit = task is not None and not _failed(task)
        if not hit:
            task = asyncio.ensure_future(fetch())
            task.add_done_callback(lambda done: self._forget_failure(key, done))
            self._entries[key] = task
        return await asyncio.shield(task), hit

    def _forget_failure(self, key: Hashable, task: asyncio.Task[Any]) -> None:
        if _failed(task) and self._entries is not None and self._entries.get(key) is task:
            del self._entries[key]


def _failed(task: asyncio.Task[Any]) -> bool:
    return task.done() and (task.cancelled() or task.exception() is not None)
