"""Builds the gateway's access control, quotas and usage ledger from the settings."""

from __future__ import annotations

import ipaddress
import sqlite3
from dataclasses import dataclass

from pydantic import ValidationError

from gateway.access.callers import AccessConfigError, AccessFile, callers_of, parse_access
from gateway.access.gate import AccessGate
from gateway.access.ledger import SqliteLedger, UsageLedger
from gateway.access.quotas import QuotaKeeper, rate_storage
from gateway.access.settings import AccessSettings, UsageSettings
from gateway.access.verifiers import build_verifier
from tubelens.logs import get_logger
from tubelens.settings import ENV_PREFIX, StartupError

log = get_logger("tubelens.gateway")


@dataclass(frozen=True, slots=True)
class Access:
    gate: AccessGate
    quotas: QuotaKeeper
    ledger: UsageLedger

    async def close(self) -> None:
        await self.ledger.close()


def open_access(host: str) -> Access:
    try:
        settings, usage = AccessSettings(), UsageSettings()
    except ValidationError as exc:
        raise StartupError(f"A TUBELENS_ACCESS_/USAGE_ setting is invalid: {exc}") from None
    access = _access_file(settings)
    enabled = settings.mode == "on" or (settings.mode == "auto" and access is not None)
    if settings.mode == "auto" and access is None and not _is_loopback(host):
        raise StartupError(
            f"The gateway listens on {host}, beyond this machine, and no caller is registered: "
            f"set {ENV_PREFIX}ACCESS_FILE (DEPLOY.md, 'Access'), or {ENV_PREFIX}ACCESS_MODE=off "
            "to let anyone who reaches the port call it as 'anonymous'."
        )
    if enabled and access is None:
        raise StartupError(
            f"{ENV_PREFIX}ACCESS_MODE=on needs {ENV_PREFIX}ACCESS_FILE or "
            f"{ENV_PREFIX}ACCESS_CONFIG naming the callers."
        )
    access = access or AccessFile()
    try:
        verifier = build_verifier(access, settings.verifier) if enabled else None
    except (ImportError, AttributeError, ValueError) as exc:
        raise StartupError(f"{ENV_PREFIX}ACCESS_VERIFIER cannot be loaded: {exc}") from None
    ledger, redis_url = _ledger(usage)
    log.info(
        "access",
        enabled=enabled,
        callers=sorted(access.callers),
        usage_store="redis" if redis_url else "sqlite",
    )
    gate = AccessGate(callers_of(access), verifier)
    return Access(gate, QuotaKeeper(ledger, rate_storage(redis_url)), ledger)


def _access_file(settings: AccessSettings) -> AccessFile | None:
    try:
        if settings.config is not None:
            return parse_access(settings.config.get_secret_value(), f"{ENV_PREFIX}ACCESS_CONFIG")
        if settings.file is not None:
            return parse_access(settings.file.read_text(), str(settings.file))
    except (OSError, AccessConfigError) as exc:
        raise StartupError(str(exc)) from None
    return None


def _ledger(settings: UsageSettings) -> tuple[UsageLedger, str]:
    path = settings.sqlite_path()
    if path is not None:
        try:
            return SqliteLedger(path), ""
        except (OSError, sqlite3.Error) as exc:
            raise StartupError(f"The usage ledger cannot be opened at {path}: {exc}") from None
    if settings.url.startswith("redis://"):
        from gateway.access.ledger_redis import RedisLedger

        return RedisLedger(settings.url, settings.retention_days), settings.url
    raise StartupError(
        f"{ENV_PREFIX}USAGE_URL must be sqlite:///path or redis://host:port/db, "
        f"not {settings.url!r}."
    )


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
