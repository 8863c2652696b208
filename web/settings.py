"""Web settings: TUBELENS_WEB_* (the HTTP/JSON API and the page)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.servers import metrics_port_of
from tubelens.settings import ENV_PREFIX


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=f"{ENV_PREFIX}WEB_", env_file=None, extra="ignore")

    host: str = "127.0.0.1"  # the images set 0.0.0.0
    port: int = Field(default=8080, ge=1, le=65535)
    gateway_target: str = "127.0.0.1:50051"  # dns:///gateway:50051 for replicas
    # How often the gateway's name may be looked up again, so new gateway replicas get calls.
    dns_min_refresh_seconds: float = Field(default=30.0, gt=0)
    # TLS to the gateway (its CA; a client certificate and key when it asks for one).
    gateway_tls_ca_file: Path | None = None
    gateway_tls_cert_file: Path | None = None
    gateway_tls_key_file: Path | None = None
    # Prometheus /metrics on a port of its own (0: none; unset: the web port + 1000).
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    # Deadline of a call when the client sends no X-Server-Timeout header (seconds).
    default_deadline_seconds: float = Field(default=120.0, gt=0)
    max_deadline_seconds: float = Field(default=900.0, gt=0)
    max_body_mb: int = Field(default=32, ge=1)  # photos travel base64 in JSON bodies

    def metrics_port_to_serve(self) -> int:
        """Where /metrics listens (0: nowhere), by the servers' rule."""
        return metrics_port_of(self.port, self.metrics_port)
