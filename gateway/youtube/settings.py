"""YouTube access settings (TUBELENS_YOUTUBE_*). The hosts are fixed here, never taken from a
caller, so tests can point them at loopback fakes and production talks to YouTube only."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.settings import ENV_PREFIX


class YouTubeSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}YOUTUBE_", env_file=None, extra="ignore"
    )

    api_key: SecretStr | None = None  # without one, YouTube links are refused (not configured)
    api_base_url: str = "https://www.googleapis.com/youtube/v3"
    thumbnail_base_url: str = "https://i.ytimg.com"
    # Where youtube-transcript-api's requests to https://www.youtube.com really go.
    watch_base_url: str = "https://www.youtube.com"
    transcripts: bool = True  # False skips caption fetching (e.g. when the host is blocked)
    timeout_seconds: float = Field(default=10.0, gt=0)  # per HTTP request
    max_thumbnail_mb: float = Field(default=4.0, gt=0)
    reply_threads: int = Field(default=20, ge=0)  # threads whose replies are read in full
    cache_ttl_seconds: float = Field(default=3600.0, ge=0)  # 0 turns the cache off
    cache_size: int = Field(default=256, ge=1)  # cached entries (videos, comment sets, ...)

    @field_validator("api_base_url", "thumbnail_base_url", "watch_base_url")
    @classmethod
    def _http_base(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) base URL")
        return value.rstrip("/")

    @property
    def configured(self) -> bool:
        return self.api_key is not None and bool(self.api_key.get_secret_value())

    @property
    def max_thumbnail_bytes(self) -> int:
        return int(self.max_thumbnail_mb * 1024 * 1024)
