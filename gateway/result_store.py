"""Where cached results live: in the gateway process, or in Redis for every replica.

Values are bytes (serialized protos) with a time to live each. A store never fails an
analysis: Redis being down reads as a miss and writes are dropped, with a warning.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Protocol

import cachetools
import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from tubelens.logs import get_logger
from tubelens.settings import ResultCacheSettings

log = get_logger("tubelens.gateway")
REDIS_REST_SECONDS = 5.0  # after a failure, Redis is left alone this long (no timeout per call)


class ResultStore(Protocol):
    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]: ...

    async def put(self, key: str, value: bytes, ttl: float) -> None: ...

    async def close(self) -> None: ...


class MemoryStore:
    """An LRU store in this process, bounded in entries and bytes, with a TTL per entry.

    Each entry counts as at least max_bytes / max_entries, so the byte bound also bounds the
    number of entries; the event loop is the only user, so no lock is needed."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        floor = max(max_bytes // max_entries, 1)
        self._entries: cachetools.TLRUCache[str, tuple[bytes, float]] = cachetools.TLRUCache(
            maxsize=max_bytes,
            ttu=lambda _key, value, now: now + value[1],
            getsizeof=lambda value: max(len(value[0]), floor),
        )

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        found = [self._entries.get(key) for key in keys]
        return [entry[0] if entry is not None else None for entry in found]

    async def put(self, key: str, value: bytes, ttl: float) -> None:
        try:
            self._entries[key] = (value, ttl)
        except ValueError:  # larger than the whole store: not kept
            log.info("result_cache_entry_too_large", bytes=len(value))

    async def close(self) -> None:
        self._entries.clear()


class RedisStore:
    """A Redis server every gateway replica shares (`TUBELENS_RESULT_CACHE_URL`)."""

    def __init__(self, url: str, timeout: float) -> None:
        # One try per command, a short timeout: a slow cache must cost less than computing.
        self._redis = aioredis.Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
        )
        self._resting_until = 0.0

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not keys or self._resting():
            return [None] * len(keys)
        try:
            return list(await self._redis.mget(list(keys)))
        except (RedisError, OSError) as exc:
            self._failed("read", exc)
            return [None] * len(keys)

    async def put(self, key: str, value: bytes, ttl: float) -> None:
        if self._resting():
            return
        try:
            await self._redis.set(key, value, px=max(round(ttl * 1000), 1))
        except (RedisError, OSError) as exc:
            self._failed("write", exc)

    async def close(self) -> None:
        await self._redis.aclose()

    def _resting(self) -> bool:
        return time.monotonic() < self._resting_until

    def _failed(self, action: str, exc: Exception) -> None:
        # Analyses go on without the cache; Redis is tried again after a rest.
        log.warning(
            "result_cache_unavailable",
            action=action,
            error=f"{type(exc).__name__}: {exc}",
            retry_in_s=REDIS_REST_SECONDS,
        )
        self._resting_until = time.monotonic() + REDIS_REST_SECONDS


def open_store(settings: ResultCacheSettings) -> ResultStore | None:
    """The configured store, or None when caching is off (in-process store of 0 MB)."""
    if settings.url:
        return RedisStore(settings.url, settings.redis_timeout_seconds)
    if settings.max_mb == 0:
        return None
    return MemoryStore(settings.max_entries, settings.max_mb * 1024 * 1024)
