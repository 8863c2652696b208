"""The usage ledger's one contract, on SQLite and on a real redis-server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from gateway.access.ledger import SqliteLedger, UsageLedger
from gateway.access.ledger_redis import RedisLedger

pytest_plugins = ["tests.fakes.redis_server"]
MONDAY, TUESDAY, WEDNESDAY = date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 9)


@pytest.fixture(params=["sqlite", "redis"])
async def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[UsageLedger]:
    if request.param == "sqlite":
        store: UsageLedger = SqliteLedger(tmp_path / "state" / "usage.sqlite3")
    else:
        url = request.getfixturevalue("redis_url")
        store = RedisLedger(url, retention_days=2, prefix=f"test:{request.node.name}")
    yield store
    await store.close()


async def test_counters_add_up_per_caller_and_day(ledger: UsageLedger) -> None:
    await ledger.add("team-a", MONDAY, {"analyses": 1, "model/m/cost_usd": 0.25})
    await ledger.add("team-a", MONDAY, {"analyses": 1, "model/m/cost_usd": 0.5, "tasks": 3})
    await ledger.add("team-b", MONDAY, {"analyses": 1})
    await ledger.add("team-a", WEDNESDAY, {"analyses": 4})

    monday = await ledger.read("team-a", MONDAY, MONDAY)
    assert [(d.caller, d.day) for d in monday] == [("team-a", MONDAY)]
    assert monday[0].counters == {"analyses": 2, "model/m/cost_usd": 0.75, "tasks": 3}

    everyone = await ledger.read(None, MONDAY, WEDNESDAY)
    assert [(d.caller, d.day, d.counters["analyses"]) for d in everyone] == [
        ("team-a", MONDAY, 2),
        ("team-b", MONDAY, 1),
        ("team-a", WEDNESDAY, 4),
    ]
    assert await ledger.read("team-c", MONDAY, WEDNESDAY) == []
    assert await ledger.read("team-a", TUESDAY, TUESDAY) == []


async def test_concurrent_additions_are_not_lost(ledger: UsageLedger) -> None:
    await asyncio.gather(*(ledger.add("team-a", MONDAY, {"analyses": 1}) for _ in range(50)))
    (day,) = await ledger.read("team-a", MONDAY, MONDAY)
    assert day.counters["analyses"] == 50


async def test_two_sqlite_ledgers_on_one_file_share_their_totals(tmp_path: Path) -> None:
    path = tmp_path / "usage.sqlite3"
    first, second = SqliteLedger(path), SqliteLedger(path)  # two gateway processes on one host
    await first.add("team-a", MONDAY, {"analyses": 1})
    await second.add("team-a", MONDAY, {"analyses": 2})
    (day,) = await first.read("team-a", MONDAY, MONDAY)
    assert day.counters == {"analyses": 3}
    await first.close()
    await second.close()
