"""A bounded, deadline-aware queue in front of work that only so many calls may do at once.

At most `slots` calls run; up to `queue_limit` wait, first come first served. A call is refused
(ResourceExhausted with a retry delay) rather than queued when the queue is full or when, by the
recent run times, its turn plus its own run would come after its deadline; a waiting call is
refused the same way as soon as its time left no longer covers a run. So under a burst every call
is either served in time or told at once to come back, instead of timing out in a queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator, Callable

from tubelens.errors import ResourceExhausted
from tubelens.logs import get_logger
from tubelens.observability.metrics import set_queue_length

log = get_logger("tubelens.admission")
_RECHECK_SECONDS = 1.0  # a waiting call re-reads the run-time estimate at least this often


class AdmissionQueue:
    def __init__(
        self, slots: int, queue_limit: int, what: str, refusal: str, queue_name: str = ""
    ) -> None:
        self.slots = max(1, slots)
        self.queue_name = queue_name  # its tubelens_queue_length label; "": not published
        self.queue_limit = max(0, queue_limit)
        self.what = what  # what runs, for the log, e.g. "analyses"
        self._refusal = refusal  # opens the refusal message, e.g. "The gateway is at capacity"
        self._free = self.slots
        self._waiters: deque[asyncio.Future[None]] = deque()
        self.run_seconds: float | None = None  # moving average of recent runs
        self._run_spread = 0.0  # moving average of their distance from it
        self._publish()  # the series exists (at 0) before anything waits

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    @property
    def running(self) -> int:
        return self.slots - self._free

    @contextlib.asynccontextmanager
    async def slot(self, time_left: Callable[[], float | None]) -> AsyncIterator[None]:
        """Holds a slot for the body; `time_left` gives the seconds to the call's deadline."""
        await self._acquire(time_left)
        started = time.monotonic()
        try:
            yield
        finally:
            self._release()
        self._record(time.monotonic() - started)  # only runs that ended normally teach it

    async def _acquire(self, time_left: Callable[[], float | None]) -> None:
        if self._free and not self._waiters:
            self._free -= 1
            return
        self._check(time_left(), ahead=len(self._waiters))
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(turn)
        self._publish()
        try:
            while not turn.done():
                left = time_left()
                wait = _RECHECK_SECONDS
                if left is not None:
                    margin = left - self.safe_run_seconds()
                    if margin <= 0:
                        raise self._refuse(f"its {max(left, 0):.1f} s left no longer cover a run")
                    wait = min(wait, margin)
                # Not wait_for: on 3.11 it swallows a cancel that lands as the turn comes.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(wait):
                        await asyncio.shield(turn)
        except BaseException:
            if turn.done() and not turn.cancelled():
                self._release()  # the slot was handed over as this call gave up: pass it on
            else:
                turn.cancel()
                self._waiters.remove(turn)
                self._publish()
            raise

    def _release(self) -> None:
        while self._waiters:
            turn = self._waiters.popleft()
            self._publish()
            if not turn.done():
                turn.set_result(None)  # the slot goes straight to the next in line
                return
        self._free += 1

    def _publish(self) -> None:
        if self.queue_name:
            set_queue_length(self.queue_name, len(self._waiters))

    def _check(self, left: float | None, ahead: int) -> None:
        """Refuses a call now when the queue is full or its turn would come too late."""
        if ahead >= self.queue_limit:
            raise self._refuse(f"{self.running} running and {ahead} waiting, the most it queues")
        if left is None or self.run_seconds is None:
            return
        wait = self.expected_wait(ahead)
        if wait + self.safe_run_seconds() > left:
            raise self._refuse(
                f"about {wait:.1f} s of queued work is ahead of this call and it has "
                f"{max(left, 0):.1f} s left"
            )

    def expected_wait(self, ahead: int) -> float:
        """Seconds until a call with `ahead` calls before it starts, by the recent run times."""
        return (ahead // self.slots + 1) * (self.run_seconds or 0.0)

    def safe_run_seconds(self) -> float:
        """A run time most runs stay within: the average plus twice the spread (as TCP sizes
        its retransmission timer), so a call let in late still ends before its deadline."""
        return (self.run_seconds or 0.0) + 2 * self._run_spread

    def _refuse(self, why: str) -> ResourceExhausted:
        wait = max(self.expected_wait(len(self._waiters)), 1.0)
        log.warning(
            "work_shed", what=self.what, waiting=self.waiting, expected_wait_s=round(wait, 2)
        )
        return ResourceExhausted(
            f"{self._refusal} ({why}); retry in about {wait:.0f} s.",
            reason="OVERLOADED",
            metadata={"running": str(self.running), "waiting": str(self.waiting)},
            retry_after_seconds=round(wait, 1),
        )

    def _record(self, seconds: float) -> None:
        previous = self.run_seconds
        if previous is None:
            self.run_seconds, self._run_spread = seconds, seconds / 2
            return
        self._run_spread = 0.75 * self._run_spread + 0.25 * abs(seconds - previous)
        self.run_seconds = 0.875 * previous + 0.125 * seconds
