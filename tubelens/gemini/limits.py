"""Per-model limits: how many calls may be in flight, and how many may start per minute.

The concurrency is per process. The rate is per process too, unless
TUBELENS_GEMINI_RATE_LIMIT_REDIS_URL names a Redis that every replica shares: then one
moving window per model (the `limits` library) counts the requests of all replicas together,
so scaling out does not multiply what is sent to a project's quota. Redis out of reach falls
back to the process's own bucket for that call, with a warning.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiolimiter import AsyncLimiter
from limits import RateLimitItemPerSecond
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter

from tubelens.gemini.settings import GeminiSettings
from tubelens.logs import get_logger

log = get_logger("tubelens.gemini")


def per_minute_limiter(requests_per_minute: float, burst_seconds: float) -> AsyncLimiter:
    """A leaky bucket that holds `burst_seconds` worth of requests (at least one), so a minute's
    quota is spread over the minute instead of being spent in one burst."""
    burst = max(1.0, requests_per_minute * burst_seconds / 60)
    return AsyncLimiter(burst, 60 * burst / requests_per_minute)


class SharedRate:
    """A request rate per model shared by every process that uses the same Redis."""

    def __init__(self, redis_url: str, burst_seconds: float) -> None:
        self._limiter = MovingWindowRateLimiter(
            RedisStorage(
                redis_url.replace("redis://", "async+redis://", 1), implementation="redispy"
            )
        )
        # The same spread as the local bucket: a window of `burst_seconds` holds that share of
        # the minute's requests (whole seconds and at least one request, as `limits` counts).
        self._window = max(1, round(burst_seconds))

    async def wait(self, model: str, requests_per_minute: float) -> None:
        """Returns once this request fits the model's shared window; raises on Redis errors."""
        amount = max(1, math.floor(requests_per_minute * self._window / 60))
        item = RateLimitItemPerSecond(amount, self._window)
        while not await self._limiter.hit(item, "gemini", model):
            stats = await self._limiter.get_window_stats(item, "gemini", model)
            await asyncio.sleep(min(max(stats.reset_time - time.time(), 0.01), self._window))


class ModelLimits:
    """One semaphore and one rate limiter per model name, made on first use."""

    def __init__(self, settings: GeminiSettings) -> None:
        self._settings = settings
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._rates: dict[str, AsyncLimiter] = {}
        url = settings.rate_limit_redis_url
        self._shared = SharedRate(url, settings.rate_burst_seconds) if url else None

    @asynccontextmanager
    async def slot(self, model: str) -> AsyncIterator[None]:
        limit = self._settings.limit_for(model)
        if model not in self._slots:
            self._slots[model] = asyncio.Semaphore(limit.concurrency)
            self._rates[model] = per_minute_limiter(
                limit.requests_per_minute, self._settings.rate_burst_seconds
            )
        async with self._slots[model]:
            if not await self._shared_rate(model, limit.requests_per_minute):
                await self._rates[model].acquire()
            yield

    async def _shared_rate(self, model: str, requests_per_minute: float) -> bool:
        """True when the shared window admitted the request; False without one (or when Redis
        failed), so the local bucket decides."""
        if self._shared is None:
            return False
        try:
            await self._shared.wait(model, requests_per_minute)
        except Exception as exc:  # noqa: BLE001 - any storage failure: fall back, never fail
            log.warning("gemini_shared_rate_unavailable", model=model, error=type(exc).__name__)
            return False
        return True

    def in_flight(self, model: str) -> int:
        """Calls holding a slot right now (for tests and logs)."""
        semaphore = self._slots.get(model)
        if semaphore is None:
            return 0
        return self._settings.limit_for(model).concurrency - semaphore._value
