"""Where operations live: SQLite (one gateway, or several on one host) or Redis (replicas).

An operation is kept as its serialized google.longrunning.Operation with its owner and the
time it expires; expired ones are never returned and are swept as new ones are written.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Protocol

from google.longrunning import operations_pb2

from gateway.sqlite_file import SqliteFile

Operation = operations_pb2.Operation


class OperationStore(Protocol):
    async def put(self, owner: str, operation: Operation, expire_at: float) -> None: ...

    async def get(self, name: str) -> tuple[str, Operation] | None:
        """(owner, operation), or None when unknown or expired."""
        ...

    async def list(self, owner: str) -> list[Operation]:
        """The owner's operations, newest first."""
        ...

    async def delete(self, name: str) -> bool: ...

    async def close(self) -> None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS operations (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    created REAL NOT NULL,
    expire_at REAL NOT NULL,
    data BLOB NOT NULL
)
"""


class SqliteOperations:
    def __init__(self, path: Path) -> None:
        index = "CREATE INDEX IF NOT EXISTS operations_owner ON operations (owner)"
        self._db = SqliteFile(path, _SCHEMA, index)
        self._run = self._db.run

    async def put(self, owner: str, operation: Operation, expire_at: float) -> None:
        now = time.time()
        await self._run("DELETE FROM operations WHERE expire_at < ?", now)
        await self._run(
            "INSERT INTO operations (name, owner, created, expire_at, data) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET data = excluded.data",
            operation.name,
            owner,
            now,
            expire_at,
            operation.SerializeToString(),
        )

    async def get(self, name: str) -> tuple[str, Operation] | None:
        rows = await self._run(
            "SELECT owner, data FROM operations WHERE name = ? AND expire_at >= ?",
            name,
            time.time(),
        )
        return (rows[0][0], Operation.FromString(rows[0][1])) if rows else None

    async def list(self, owner: str) -> list[Operation]:
        rows = await self._run(
            "SELECT data FROM operations WHERE owner = ? AND expire_at >= ? "
            "ORDER BY created DESC, name",
            owner,
            time.time(),
        )
        return [Operation.FromString(row[0]) for row in rows]

    async def delete(self, name: str) -> bool:
        return bool(await self._run("DELETE FROM operations WHERE name = ? RETURNING name", name))

    async def close(self) -> None:
        self._db.close()
