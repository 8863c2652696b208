"""The usage ledger: counters per caller and UTC day, in SQLite (one gateway) or Redis (many).

Both stores keep the same schema: for each (day, caller), named counters that only grow
("analyses", "youtube_units", "model/<name>/input_tokens", ...; see gateway.access.usage).
TUBELENS_USAGE_URL picks the store: sqlite:///path/usage.sqlite3 or redis://host:6379/0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol

from gateway.sqlite_file import SqliteFile


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
    """One file; several gateway processes on one host may share it."""

    def __init__(self, path: Path) -> None:
        self._db = SqliteFile(path, _SCHEMA)

    async def add(self, caller: str, day: date, counters: Mapping[str, float]) -> None:
        rows = [(day.isoformat(), caller, name, value) for name, value in counters.items() if value]
        if rows:
            await self._db.run_many(
                "INSERT INTO usage (day, caller, counter, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (day, caller, counter) DO UPDATE SET value = value + excluded.value",
                rows,
            )

    async def read(self, caller: str | None, first: date, last: date) -> list[DayUsage]:
        query = "SELECT day, caller, counter, value FROM usage WHERE day BETWEEN ? AND ?"
        args: list[str] = [first.isoformat(), last.isoformat()]
        if caller is not None:
            query += " AND caller = ?"
            args.append(caller)
        found: dict[tuple[str, str], dict[str, float]] = {}
        for day, name, counter, value in await self._db.run(query + " ORDER BY day, caller", *args):
            found.setdefault((day, name), {})[counter] = value
        return [DayUsage(name, date.fromisoformat(day), c) for (day, name), c in found.items()]

    async def close(self) -> None:
        self._db.close()


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
