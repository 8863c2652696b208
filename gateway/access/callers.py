"""The access file: callers, how each proves who it is, what it may do, and its quotas.

A TOML file (TUBELENS_ACCESS_FILE) or the same text in TUBELENS_ACCESS_CONFIG:

    [defaults]                      # quotas of every caller that sets none of its own
    analyses_per_minute = 60

    [callers.team-a]
    api_key_sha256 = ["<hex>"]      # `tubelens keys new team-a` prints a key and this line
    certificate_names = ["team-a"]  # client-certificate common names (mTLS)
    permissions = ["analyze", "photocard", "upload"]
    admin = false                   # true: may read every caller's usage
    youtube_units_per_day = 2000

Keys are kept only as SHA-256 digests: API keys are random 256-bit strings, so a fast hash is
enough to make a leaked file useless (unlike passwords, they cannot be guessed).
"""

from __future__ import annotations

import hashlib
import secrets
import tomllib
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Permission = Literal["analyze", "photocard", "upload"]
ALL_PERMISSIONS: tuple[Permission, ...] = ("analyze", "photocard", "upload")
KEY_PREFIX = "tlk_"
# The caller every call is when access control is off (the local demo and tests).
ANONYMOUS = "anonymous"


class Quotas(BaseModel):
    """Per-caller limits; None means unlimited."""

    model_config = ConfigDict(extra="forbid")

    analyses_per_minute: int | None = Field(default=None, ge=0)  # photo cards count as analyses
    concurrent_analyses: int | None = Field(default=None, ge=0)  # per gateway replica
    youtube_units_per_day: int | None = Field(default=None, ge=0)
    gemini_tokens_per_day: int | None = Field(default=None, ge=0)
    gemini_cost_usd_per_day: float | None = Field(default=None, ge=0)

    def over(self, defaults: Quotas) -> Quotas:
        """These quotas, each unset one taken from `defaults`."""
        fields = Quotas.model_fields
        own = {name: getattr(self, name) for name in fields if getattr(self, name) is not None}
        return Quotas(**(defaults.model_dump(exclude_none=True) | own))


class CallerEntry(Quotas):
    api_key_sha256: list[str] = []
    certificate_names: list[str] = []
    permissions: list[Permission] = list(ALL_PERMISSIONS)
    admin: bool = False

    @field_validator("api_key_sha256")
    @classmethod
    def _hex_digests(cls, digests: list[str]) -> list[str]:
        for digest in digests:
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest.lower()):
                raise ValueError("each api_key_sha256 must be 64 hex digits (tubelens keys new)")
        return [digest.lower() for digest in digests]


class AccessFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    defaults: Quotas = Quotas()
    callers: dict[str, CallerEntry] = {}


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is calling, what it may do, and its effective quotas."""

    name: str
    permissions: frozenset[str]
    admin: bool
    quotas: Quotas

    def may(self, permission: str) -> bool:
        return permission in self.permissions


class AccessConfigError(ValueError):
    """The access file cannot be read; the message says where."""


def parse_access(text: str, origin: str) -> AccessFile:
    try:
        return AccessFile.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise AccessConfigError(f"{origin} is not a valid access file: {exc}") from None


def callers_of(access: AccessFile) -> dict[str, Caller]:
    callers = {
        name: Caller(name, frozenset(entry.permissions), entry.admin, entry.over(access.defaults))
        for name, entry in access.callers.items()
    }
    if ANONYMOUS not in callers:
        callers[ANONYMOUS] = Caller(ANONYMOUS, frozenset(ALL_PERMISSIONS), False, access.defaults)
    return callers


def new_api_key() -> str:
    """A fresh key: 32 random bytes, URL-safe, with a prefix secret scanners can spot."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
