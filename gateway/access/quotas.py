"""Per-caller quotas, checked before an analysis starts.

- analyses per minute: a moving window per caller (the `limits` library), in this process or
  in the Redis the ledger uses, so every replica counts against one window;
- concurrent analyses: per gateway replica;
- YouTube units, Gemini tokens and Gemini cost per UTC day: read from the usage ledger. Usage
  is only known once an analysis ends, so a caller is refused once the day's total reached the
  quota, and the analysis that crosses it is the last of its day.

A refusal is QuotaExceeded: RESOURCE_EXHAUSTED with a QuotaFailure naming the caller and the
quota, and a RetryInfo when waiting helps (the window's reset, the next UTC midnight).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta

from limits import RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from gateway.access.callers import Caller
from gateway.access.ledger import UsageLedger
from gateway.access.usage import COST, TOKENS, YOUTUBE_UNITS
from tubelens.errors import QuotaExceeded


def utc_today(now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> date:
    return now().date()


def rate_storage(redis_url: str = "") -> Storage:
    if redis_url:
        return RedisStorage(
            redis_url.replace("redis://", "async+redis://", 1), implementation="redispy"
        )
    return MemoryStorage()


class QuotaKeeper:
    def __init__(self, ledger: UsageLedger, storage: Storage) -> None:
        self._ledger = ledger
        self._rates = MovingWindowRateLimiter(storage)
        self._running: Counter[str] = Counter()

    @asynccontextmanager
    async def analysis(self, caller: Caller) -> AsyncIterator[None]:
        """Holds one of the caller's concurrent analyses while the body runs."""
        quotas = caller.quotas
        at_once = quotas.concurrent_analyses
        if at_once is not None and self._running[caller.name] >= at_once:
            raise _exceeded(caller, "concurrent_analyses", at_once, "analyses at once", None)
        await self._check_daily(caller)
        await self._check_rate(caller)
        self._running[caller.name] += 1
        try:
            yield
        finally:
            self._running[caller.name] -= 1

    async def _check_rate(self, caller: Caller) -> None:
        limit = caller.quotas.analyses_per_minute
        if limit is None:
            return
        item = RateLimitItemPerMinute(limit) if limit else None
        if item is not None and await self._rates.hit(item, "caller", caller.name):
            return
        retry_after = 60.0
        if item is not None:
            stats = await self._rates.get_window_stats(item, "caller", caller.name)
            retry_after = max(stats.reset_time - time.time(), 1.0)
        raise _exceeded(caller, "analyses_per_minute", limit, "analyses a minute", retry_after)

    async def _check_daily(self, caller: Caller) -> None:
        quotas = caller.quotas
        daily = {  # quota: (limit, the ledger's counter, unit)
            "youtube_units_per_day": (quotas.youtube_units_per_day, YOUTUBE_UNITS, "YouTube units"),
            "gemini_tokens_per_day": (quotas.gemini_tokens_per_day, TOKENS, "Gemini tokens"),
            "gemini_cost_usd_per_day": (quotas.gemini_cost_usd_per_day, COST, "USD of Gemini"),
        }
        if all(limit is None for limit, _, _ in daily.values()):
            return
        today = utc_today()
        used = await self._ledger.read(caller.name, today, today)
        spent = used[0].counters if used else {}
        for quota, (limit, counter, unit) in daily.items():
            if limit is not None and spent.get(counter, 0) >= limit:
                raise _exceeded(caller, quota, limit, f"{unit} a day", _until_midnight())


def _exceeded(
    caller: Caller, quota: str, limit: float, unit: str, retry_after: float | None
) -> QuotaExceeded:
    when = f"; retry in {retry_after:.0f} s" if retry_after is not None else ""
    return QuotaExceeded(
        f"Caller {caller.name!r} is over its quota of {limit:g} {unit} ({quota}){when}.",
        subject=f"caller:{caller.name}",
        description=f"{quota} = {limit:g}",
        metadata={"caller": caller.name, "quota": quota, "limit": f"{limit:g}"},
        retry_after_seconds=retry_after,
    )


def _until_midnight() -> float:
    now = datetime.now(UTC)
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
    return (midnight - now).total_seconds()
