"""The operations store's one contract, on SQLite and on a real redis-server."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from google.longrunning import operations_pb2

from gateway.operations.store import OperationStore, SqliteOperations
from gateway.operations.store_redis import RedisOperations

pytest_plugins = ["tests.fakes.redis_server"]


@pytest.fixture(params=["sqlite", "redis"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[OperationStore]:
    if request.param == "sqlite":
        opened: OperationStore = SqliteOperations(tmp_path / "state.sqlite3")
    else:
        url = request.getfixturevalue("redis_url")
        opened = RedisOperations(url, prefix=f"test:{request.node.name}")
    yield opened
    await opened.close()


def _operation(name: str, done: bool = False) -> operations_pb2.Operation:
    return operations_pb2.Operation(name=name, done=done)


async def test_an_operation_is_kept_per_owner_newest_first_and_updated_in_place(store) -> None:
    later = time.time() + 60
    await store.put("team-a", _operation("operations/1"), later)
    await store.put("team-b", _operation("operations/2"), later)
    await store.put("team-a", _operation("operations/3"), later)
    await store.put("team-a", _operation("operations/1", done=True), later)  # it finished

    assert await store.get("operations/1") == ("team-a", _operation("operations/1", done=True))
    assert [op.name for op in await store.list("team-a")] == ["operations/3", "operations/1"]
    assert [op.name for op in await store.list("team-b")] == ["operations/2"]
    assert await store.get("operations/404") is None


async def test_deleted_and_expired_operations_are_gone(store) -> None:
    await store.put("team-a", _operation("operations/kept"), time.time() + 60)
    await store.put("team-a", _operation("operations/short"), time.time() + 1)
    assert await store.delete("operations/kept") is True
    assert await store.delete("operations/kept") is False
    assert await store.get("operations/kept") is None
    time.sleep(2.1)  # Redis expires whole seconds
    assert await store.get("operations/short") is None
    assert await store.list("team-a") == []
