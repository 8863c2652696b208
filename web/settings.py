"""Web settings: TUBELENS_WEB_* (the HTTP/JSON API and the page)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.settings import ENV_PREFIX


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=f"{ENV_PREFIX}WEB_", env_file=None, extra="ignore")

    host: str = "127.0.0.1"  # the images set 0.0.0.0
    port: int = Field(default=8080, ge=1, le=65535)
    gateway_target: str = "127.0.0.1:50051"  # dns:///gateway:50051 for replicas
    # Deadline of a call when the client sends no X-Server-Timeout header (seconds).
    default_deadline_seconds: float = Field(default=120.0, gt=0)
    max_deadline_seconds: float = Field(default=900.0, gt=0)
    max_body_mb: int = Field(default=32, ge=1)  # photos travel base64 in JSON bodies
