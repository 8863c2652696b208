"""The in-process store (bounds, TTL per entry) and a Redis outage read as misses."""

from __future__ import annotations

import socket
import time

from gateway.result_store import MemoryStore, RedisStore, open_store
from tubelens.settings import ResultCacheSettings


async def test_memory_store_keeps_each_entry_for_its_own_ttl() -> None:
    store = MemoryStore(max_entries=10, max_bytes=10_000)
    await store.put("short", b"a", ttl=0.05)
    await store.put("long", b"b", ttl=60)
    assert await store.get_many(["short", "long", "never"]) == [b"a", b"b", None]
    time.sleep(0.06)
    assert await store.get_many(["short", "long"]) == [None, b"b"]


async def test_memory_store_is_bounded_in_entries_and_bytes() -> None:
    by_count = MemoryStore(max_entries=3, max_bytes=3_000)
    for n in range(5):
        await by_count.put(f"k{n}", b"x", ttl=60)  # tiny: the entry bound applies
    assert await by_count.get_many([f"k{n}" for n in range(5)]) == [None, None, b"x", b"x", b"x"]

    by_bytes = MemoryStore(max_entries=1000, max_bytes=3_000)
    for n in range(3):
        await by_bytes.put(f"k{n}", bytes(1200), ttl=60)  # 3 x 1,200 > 3,000
    assert [v is not None for v in await by_bytes.get_many(["k0", "k1", "k2"])] == [
        False,
        True,
        True,
    ]
    await by_bytes.put("huge", bytes(5_000), ttl=60)  # larger than the store: not kept
    assert await by_bytes.get_many(["huge"]) == [None]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_redis_down_reads_as_misses_and_drops_writes_quickly() -> None:
    store = RedisStore(f"redis://127.0.0.1:{_closed_port()}/0", timeout=0.25)
    started = time.perf_counter()
    await store.put("k", b"v", ttl=60)  # no exception
    assert await store.get_many(["k", "j"]) == [None, None]
    assert await store.get_many(["k"]) == [None]  # resting: not even tried
    assert time.perf_counter() - started < 1.0
    await store.close()


def test_settings_pick_the_store() -> None:
    assert isinstance(open_store(ResultCacheSettings(url="", max_mb=64)), MemoryStore)
    assert open_store(ResultCacheSettings(max_mb=0)) is None
    assert isinstance(open_store(ResultCacheSettings(url="redis://127.0.0.1:1/0")), RedisStore)
