"""The usage ledger in Redis, for several gateway replicas: one hash per (day, caller) holding
the counters (HINCRBYFLOAT, atomic across replicas), and one set per day naming its callers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import redis.asyncio as redis

from gateway.access.ledger import DayUsage, days


class RedisLedger:
    def __init__(self, url: str, retention_days: int, prefix: str = "tubelens:usage") -> None:
        self._redis = redis.Redis.from_url(url, decode_responses=True)
        self._ttl = retention_days * 86400
        self._prefix = prefix

    async def add(self, caller: str, day: date, counters: Mapping[str, float]) -> None:
        key = self._key(day, caller)
        async with self._redis.pipeline(transaction=True) as pipe:
            for name, value in counters.items():
                if value:
                    pipe.hincrbyfloat(key, name, value)
            pipe.sadd(self._index(day), caller)
            pipe.expire(key, self._ttl)
            pipe.expire(self._index(day), self._ttl)
            await pipe.execute()

    async def read(self, caller: str | None, first: date, last: date) -> list[DayUsage]:
        found = []
        for day in days(first, last):
            names = (
                [caller]
                if caller is not None
                else sorted(await self._redis.smembers(self._index(day)))
            )
            for name in names:
                counters = await self._redis.hgetall(self._key(day, name))
                if counters:
                    found.append(DayUsage(name, day, {k: float(v) for k, v in counters.items()}))
        return found

    async def close(self) -> None:
        await self._redis.aclose()

    def _key(self, day: date, caller: str) -> str:
        return f"{self._prefix}:{day.isoformat()}:{caller}"

    def _index(self, day: date) -> str:
        return f"{self._prefix}:{day.isoformat()}"
