"""The usage ledger: counters per caller and UTC day, in SQLite (one gateway) or Redis (many).

Both stores keep the same schema: for each (day, caller), named counters that only grow
("analyses", "youtube_units", "model/<name>/input_tokens", ...; see gateway.access.usage).
TUBELENS_USAGE_URL picks the store: sqlite:///path/usage.sqlite3 or redis://host:6379/0.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class DayUsage:
    caller: str
    day: date
    counters: dict[str, float]


class UsageLedger(Protocol):
    async def add(self, caller: str, day: date, counters: Mapping[str, float]) -> None: ...

    async def read(self, caller: str | None, first: date, last: date) -> list[DayUsage]:
        """Every (caller, day) with usage between `first` and `last`, inclusive; `caller`
        None reads every caller. Sorted by day, then caller."""
        ...

    async def close(self) -> None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (
    day TEXT NOT NULL,
    caller TEXT NOT NULL,
    counter TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (day, caller, counter)
)
"""


class SqliteLedger:
    """One file; several gateway processes on one host may share it (WAL, busy timeout)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=5.0, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        self._db.commit()
        self._lock = asyncio.Lock()  # one connection: one statement at a time

    async def add(self, caller: str, day: date, counters: Mapping[str, float]) -> None:
        rows = [(day.isoformat(), caller, name, value) for name, value in counters.items() if value]
        if rows:
            async with self._lock:
                await asyncio.to_thread(self._add, rows)

    def _add(self, rows: list[tuple[str, str, str, float]]) -> None:
        with self._db:  # one transaction
            self._db.executemany(
                "INSERT INTO usage (day, caller, counter, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (day, caller, counter) DO UPDATE SET value = value + excluded.value",
                rows,
            )

    async def read(self, caller: str | None, first: date, last: date) -> list[DayUsage]:
        async with self._lock:
            rows = await asyncio.to_thread(self._read, caller, first, last)
        found: dict[tuple[str, str], dict[str, float]] = {}
        for day, name, counter, value in rows:
            found.setdefault((day, name), {})[counter] = value
        return [DayUsage(name, date.fromisoformat(day), c) for (day, name), c in found.items()]

    def _read(self, caller: str | None, first: date, last: date) -> list[tuple]:
        query = "SELECT day, caller, counter, value FROM usage WHERE day BETWEEN ? AND ?"
        args: list[str] = [first.isoformat(), last.isoformat()]
        if caller is not None:
            query += " AND caller = ?"
            args.append(caller)
        return self._db.execute(query + " ORDER BY day, caller", args).fetchall()

    async def close(self) -> None:
        self._db.close()


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
