"""Operations in Redis, shared by every gateway replica: one key per operation (owner and
serialized Operation, expiring with it) and one sorted set per owner (by creation time)."""

from __future__ import annotations

import time

import redis.asyncio as redis

from gateway.operations.store import Operation


class RedisOperations:
    def __init__(self, url: str, prefix: str = "tubelens:operations") -> None:
        self._redis = redis.Redis.from_url(url)
        self._prefix = prefix

    def _key(self, name: str) -> str:
        return f"{self._prefix}:{name}"

    def _index(self, owner: str) -> str:
        return f"{self._prefix}:by-owner:{owner}"

    async def put(self, owner: str, operation: Operation, expire_at: float) -> None:
        key, now = self._key(operation.name), time.time()
        ttl = max(1, round(expire_at - now))
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={"owner": owner, "data": operation.SerializeToString()})
            pipe.expire(key, ttl)
            pipe.zadd(self._index(owner), {operation.name: now}, nx=True)
            pipe.expire(self._index(owner), ttl)
            await pipe.execute()

    async def get(self, name: str) -> tuple[str, Operation] | None:
        found = await self._redis.hgetall(self._key(name))
        if not found:
            return None
        return found[b"owner"].decode(), Operation.FromString(found[b"data"])

    async def list(self, owner: str) -> list[Operation]:
        names = await self._redis.zrevrange(self._index(owner), 0, -1)
        operations, gone = [], []
        for raw in names:
            found = await self.get(raw.decode())
            if found is None:
                gone.append(raw)  # expired or deleted: drop it from the index too
            else:
                operations.append(found[1])
        if gone:
            await self._redis.zrem(self._index(owner), *gone)
        return operations

    async def delete(self, name: str) -> bool:
        return bool(await self._redis.delete(self._key(name)))

    async def close(self) -> None:
        await self._redis.aclose()
