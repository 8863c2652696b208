"""One SQLite file for the gateway's own records (usage ledger, operations): several gateway
processes on one host may share it (WAL, a busy timeout); each process holds one connection
and runs one statement at a time, off the event loop."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable
from pathlib import Path


class SqliteFile:
    def __init__(self, path: Path, *schema: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=5.0, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        for statement in schema:
            self._db.execute(statement)
        self._db.commit()
        self._lock = asyncio.Lock()

    async def run(self, sql: str, *args: object) -> list[tuple]:
        """One statement in its own transaction; its rows."""

        def run() -> list[tuple]:
            with self._db:
                return self._db.execute(sql, args).fetchall()

        async with self._lock:
            return await asyncio.to_thread(run)

    async def run_many(self, sql: str, rows: Iterable[tuple]) -> None:
        """One statement for each row, all in one transaction."""

        def run() -> None:
            with self._db:
                self._db.executemany(sql, rows)

        async with self._lock:
            await asyncio.to_thread(run)

    def close(self) -> None:
        self._db.close()
