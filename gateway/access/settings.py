"""Access and usage settings: TUBELENS_ACCESS_* and TUBELENS_USAGE_*."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.settings import ENV_PREFIX


class AccessSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}ACCESS_", env_file=None, extra="ignore"
    )

    # auto: on when an access file is given; off on a loopback address without one (the local
    # demo and tests); refused at start-up on any other address without one.
    mode: Literal["auto", "on", "off"] = "auto"
    file: Path | None = None  # the TOML access file (gateway/access/callers.py)
    config: SecretStr | None = None  # the same TOML as text, e.g. from a Kubernetes Secret
    # module:factory of a verifier that replaces API keys (gateway/access/verifiers.py).
    verifier: str = ""


def state_dir() -> Path:
    """Where the gateway keeps what outlives it when no setting says otherwise."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "tubelens"


class UsageSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}USAGE_", env_file=None, extra="ignore"
    )

    # sqlite:///absolute/path.sqlite3 (one gateway, or several on one host) or redis://host:port/db
    # (several replicas; a Redis that persists and never evicts, not the result cache's).
    # Empty: SQLite in $XDG_STATE_HOME/tubelens (~/.local/state/tubelens).
    url: str = ""
    retention_days: int = Field(default=400, ge=1)  # Redis keys expire after this

    def sqlite_path(self) -> Path | None:
        if not self.url:
            return state_dir() / "usage.sqlite3"
        if self.url.startswith("sqlite:///"):
            return Path(self.url.removeprefix("sqlite:///")).expanduser()
        return None
