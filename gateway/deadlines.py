"""How long the gateway lets its tasks run: the caller's deadline less a margin measured on the
running server, so every result that finished is sent before the caller gives up.

The margin covers what happens after the tasks are cut off: cancelling the rest, building the
answer and sending it. On a busy gateway that is dominated by the event loop's lag (how late a
timer fires), which LoopLag samples all the time; the margin is the configured floor plus twice
the worst lag of the last ten seconds, and never more than half the time the caller gave.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque

SAMPLE_SECONDS = 0.1
WINDOW = 100  # samples: the last ten seconds


class LoopLag:
    """Samples how late the event loop runs a timer, in a background task of its own."""

    def __init__(self) -> None:
        self._samples: deque[float] = deque(maxlen=WINDOW)
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._sample())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def worst(self) -> float:
        return max(self._samples, default=0.0)

    def record(self, seconds: float) -> None:
        self._samples.append(max(seconds, 0.0))

    async def _sample(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(SAMPLE_SECONDS)
            self.record(loop.time() - before - SAMPLE_SECONDS)


class DeadlineBudget:
    def __init__(self, floor_seconds: float, default_seconds: float, lag: LoopLag) -> None:
        self.floor_seconds = floor_seconds
        self.default_seconds = default_seconds  # when the caller set no deadline
        self.lag = lag

    def margin(self) -> float:
        return self.floor_seconds + 2 * self.lag.worst()

    def seconds(self, remaining: float | None) -> float:
        """Seconds the tasks may take, given the seconds left on the caller's deadline."""
        self.lag.start()
        left = self.default_seconds if remaining is None else remaining
        return max(left - min(self.margin(), left / 2), 0.001)
