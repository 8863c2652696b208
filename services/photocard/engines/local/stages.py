"""Per-stage timings of one card, for the log line the engine writes after each card."""

from __future__ import annotations

import time


class StageClock:
    """Wall milliseconds of consecutive stages, and the process CPU of the whole card.

    CPU is process-wide (time.process_time, OpenCV's helper threads included): exact in a
    server worker process, which runs one card at a time; in-thread callers share it.
    """

    def __init__(self) -> None:
        self._started = self._last = time.perf_counter()
        self._cpu = time.process_time()
        self.ms: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        """Close `stage`: the time since the previous lap (or the start) is its own."""
        now = time.perf_counter()
        self.ms[f"{stage}_ms"] = round((now - self._last) * 1000, 1)
        self._last = now

    def totals(self) -> dict[str, float]:
        """Every stage so far, plus total_ms (wall) and cpu_ms (process CPU)."""
        return self.ms | {
            "total_ms": round((time.perf_counter() - self._started) * 1000, 1),
            "cpu_ms": round((time.process_time() - self._cpu) * 1000, 1),
        }
