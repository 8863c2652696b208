"""Per-model limits: how many calls may be in flight, and how many may start per minute."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiolimiter import AsyncLimiter

from tubelens.gemini.settings import GeminiSettings


def per_minute_limiter(requests_per_minute: float, burst_seconds: float) -> AsyncLimiter:
    """A leaky bucket that holds `burst_seconds` worth of requests (at least one), so a minute's
    quota is spread over the minute instead of being spent in one burst."""
    burst = max(1.0, requests_per_minute * burst_seconds / 60)
    return AsyncLimiter(burst, 60 * burst / requests_per_minute)


class ModelLimits:
    """One semaphore and one leaky-bucket limiter per model name, made on first use."""

    def __init__(self, settings: GeminiSettings) -> None:
        self._settings = settings
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._rates: dict[str, AsyncLimiter] = {}

    @asynccontextmanager
    async def slot(self, model: str) -> AsyncIterator[None]:
        if model not in self._slots:
            limit = self._settings.limit_for(model)
            self._slots[model] = asyncio.Semaphore(limit.concurrency)
            self._rates[model] = per_minute_limiter(
                limit.requests_per_minute, self._settings.rate_burst_seconds
            )
        async with self._slots[model], self._rates[model]:
            yield

    def in_flight(self, model: str) -> int:
        """Calls holding a slot right now (for tests and logs)."""
        semaphore = self._slots.get(model)
        if semaphore is None:
            return 0
        return self._settings.limit_for(model).concurrency - semaphore._value
