"""Builds the operations runner from its settings (and the usage ledger's store by default)."""

from __future__ import annotations

import sqlite3

from pydantic import ValidationError

from gateway.access.settings import UsageSettings
from gateway.operations.runner import Operations
from gateway.operations.settings import OperationSettings
from gateway.operations.store import OperationStore, SqliteOperations
from tubelens.settings import ENV_PREFIX, StartupError


def open_operations() -> Operations:
    try:
        settings, usage = OperationSettings(), UsageSettings()
    except ValidationError as exc:
        raise StartupError(f"A TUBELENS_OPERATIONS_ setting is invalid: {exc}") from None
    return Operations(_store(settings.url or usage.url, usage), settings)


def _store(url: str, usage: UsageSettings) -> OperationStore:
    if url.startswith("redis://"):
        from gateway.operations.store_redis import RedisOperations

        return RedisOperations(url)
    path = UsageSettings(url=url).sqlite_path() if url else usage.sqlite_path()
    if path is None:
        raise StartupError(
            f"{ENV_PREFIX}OPERATIONS_URL must be sqlite:///path or redis://host:port/db, "
            f"not {url!r}."
        )
    try:
        return SqliteOperations(path)
    except (OSError, sqlite3.Error) as exc:
        raise StartupError(f"The operations store cannot be opened at {path}: {exc}") from None
