"""Operation settings: TUBELENS_OPERATIONS_*."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.settings import ENV_PREFIX


class OperationSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}OPERATIONS_", env_file=None, extra="ignore"
    )

    # Where operations and their results are kept: sqlite:///path or redis://host:port/db, as
    # TUBELENS_USAGE_URL; empty: the usage ledger's store (another table, or other keys).
    url: str = ""
    keep_seconds: float = Field(default=86400.0, gt=0)  # an operation, done or not, then goes
    max_seconds: float = Field(default=3600.0, gt=0)  # the longest one analysis may run
    running_at_once: int = Field(default=64, ge=1)  # per gateway replica; more: RESOURCE_EXHAUSTED
    # How often a running operation checks the store for a cancel asked on another replica.
    cancel_poll_seconds: float = Field(default=1.0, gt=0)
