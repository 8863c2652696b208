"""Request coalescing: identical concurrent calls share one upstream call.

The shared call keeps running while anyone still waits for it, and is cancelled when the last
waiter goes away, so a cancelled gRPC call still cancels its upstream request.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def request_key(*parts: Any) -> str:
    """A stable digest of a request's parts (JSON-able values and bytes)."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            digest.update(part)
        else:
            digest.update(json.dumps(part, sort_keys=True, default=str).encode())
        digest.update(b"\x00")
    return digest.hexdigest()


class Coalescer(Generic[T]):
    def __init__(self) -> None:
        self._running: dict[str, tuple[asyncio.Task[T], list[int]]] = {}

    async def run(self, key: str, start: Callable[[], Awaitable[T]]) -> tuple[T, bool]:
        """The call's result, and whether it was shared with an earlier identical call."""
        shared = key in self._running
        if not shared:
            task = asyncio.ensure_future(start())
            self._running[key] = (task, [0])
            task.add_done_callback(lambda _: self._forget(key, task))
        task, waiters = self._running[key]
        waiters[0] += 1
        try:
            return await asyncio.shield(task), shared
        except asyncio.CancelledError:
            if waiters[0] == 1 and not task.done():
                task.cancel()
                # Let it finish unwinding (it bills its tries as it goes) before this waiter's
                # caller adds up what was spent.
                await asyncio.wait([task])
            raise
        finally:
            waiters[0] -= 1

    def _forget(self, key: str, task: asyncio.Task[T]) -> None:
        if key in self._running and self._running[key][0] is task:
            del self._running[key]
