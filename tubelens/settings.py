"""Settings from the environment, all under one prefix: TUBELENS_.

Every variable is listed with its default in the README's "Settings" table.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, create_model, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from tubelens.servers import SERVERS, behind_gateway, metrics_port_of

ENV_PREFIX = "TUBELENS_"
EngineName = Literal["local", "gemini"]
# The repository's samples/ (editable installs and container images keep this layout).
DEFAULT_SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"

DEFAULT_PORTS = {server.name: server.port for server in SERVERS}


class StartupError(RuntimeError):
    """The server cannot start with these settings; the message says which variable to fix."""


class ServerSettings(BaseSettings):
    """What every server process reads."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=None, extra="ignore")

    host: str = "127.0.0.1"
    port: int | None = Field(default=None, ge=0, le=65535)  # None: the service's default port
    log_level: str = "INFO"
    log_format: Literal["json", "console"] = "json"
    grace_seconds: float = Field(default=10.0, ge=0)  # drain time after SIGTERM
    max_message_mb: int = Field(default=32, ge=1, le=512)  # photos and thumbnails travel as bytes
    max_connection_age_seconds: float = Field(default=300.0, gt=0)  # clients re-resolve after this
    # The longest a call may run here: a longer (or no) deadline is cut to it, and a connection
    # past its age gives its calls this long to finish, so housekeeping never cuts a call.
    max_call_seconds: float = Field(default=900.0, gt=0)
    # Request bytes held at once by the calls in flight (each also holds ~4x as domain objects);
    # past it a call is refused at once. One call is always let in. 0: no bound.
    requests_mb: int = Field(default=32, ge=0)
    # Calls that arrived but the server has not picked up yet. Past it gRPC cancels arrivals at
    # random (all of them past 3x), so a burst faster than the event loop accepts calls loses
    # some as CANCELLED. gRPC's own default; the gateway, the door bursts come through, waits on
    # more (each waiting call holds at most its stream's flow-control window).
    max_pending_calls: int = Field(default=1000, ge=1)

    # Prometheus /metrics, on a port of its own: None puts it 1000 above the gRPC port
    # (tubelens up: 51051-51056); 0 serves no metrics.
    metrics_port: int | None = Field(default=None, ge=0, le=65535)

    # TLS on the gRPC port: certificate chain and key (PEM), reread when they change; unset:
    # plaintext. With a client CA, every client must present a certificate it signed (mTLS):
    # gRPC Python can require client certificates or not ask for them, nothing in between.
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    tls_client_ca_file: Path | None = None
    reflection: bool = True  # server reflection (grpcurl, grpcui); health is always served

    def port_for(self, service: str) -> int:
        return DEFAULT_PORTS[service] if self.port is None else self.port

    def metrics_port_for(self, grpc_port: int) -> int:
        return metrics_port_of(grpc_port, self.metrics_port)

    @property
    def max_message_bytes(self) -> int:
        return self.max_message_mb * 1024 * 1024

    @property
    def requests_bytes(self) -> int:
        return self.requests_mb * 1024 * 1024


class ServiceSettings(ServerSettings):
    """What an analysis service reads on top of the server settings."""

    engine: EngineName = "local"
    # Per-service overrides of `engine` (TUBELENS_SUMMARY_ENGINE=gemini, ...); None: use `engine`.
    summary_engine: EngineName | None = None
    comments_engine: EngineName | None = None
    thumbnail_engine: EngineName | None = None
    photocard_engine: EngineName | None = None

    def engine_for(self, service: str) -> EngineName:
        override = getattr(self, f"{service}_engine", None)
        return override or self.engine

    def require_engine(self, service: str, supported: tuple[str, ...]) -> EngineName:
        engine = self.engine_for(service)
        if engine not in supported:
            raise StartupError(
                f"The {service} service has no {engine!r} engine in this version; "
                f"set {ENV_PREFIX}ENGINE (or {ENV_PREFIX}{service.upper()}_ENGINE) to one of: "
                f"{', '.join(supported)}."
            )
        return engine


# Where the gateway finds each server behind it: TUBELENS_<NAME>_TARGET (host:port, or
# dns:///name:port to spread calls over every replica), one field per declared server.
_Targets = create_model(
    "_Targets",
    __base__=ServerSettings,
    **{f"{s.name}_target": (str, f"127.0.0.1:{s.port}") for s in behind_gateway()},
)


class GatewaySettings(_Targets):
    """What the gateway reads on top of the server settings."""

    default_deadline_seconds: float = Field(default=60.0, gt=0)  # when the caller sets none
    deadline_margin_seconds: float = Field(default=0.25, ge=0)  # kept to report a timeout in time
    # Directories VideoRef.bundle may read from: a bundle is a name directly under one of them
    # or a path inside one (links resolved). TUBELENS_BUNDLE_ROOTS takes a JSON list or a
    # PATH-style list ("/srv/bundles:/app/samples"); empty: no bundles at all.
    bundle_roots: Annotated[tuple[Path, ...], NoDecode] = (DEFAULT_SAMPLES_DIR,)
    max_comments: int = Field(default=2000, ge=1)
    # Analyses computed at once (Analyze and AnalyzeStream calls the result cache does not answer
    # whole); more wait their turn, or are refused at once when the wait would outlast their
    # deadline (tubelens.server.admission). Each running analysis holds its inputs in memory.
    analyses_at_once: int = Field(default=32, ge=1)
    # Analyses held at once, running or waiting; past it a call is refused at once.
    max_analyses: int = Field(default=512, ge=1)
    max_pending_calls: int = Field(default=10_000, ge=1)
    # Shortest pause between two DNS look-ups of a dns:/// target (gRPC's own default is 30 s);
    # a look-up follows each connection-age rotation, which is how new replicas are found.
    dns_min_refresh_seconds: float = Field(default=30.0, ge=0)
    # TLS from the gateway to the services: the CA their certificates chain to, and the
    # gateway's own client certificate and key when they require one (mTLS). Unset: plaintext.
    downstream_tls_ca_file: Path | None = None
    downstream_tls_cert_file: Path | None = None
    downstream_tls_key_file: Path | None = None

    def target_for(self, server: str) -> str:
        """The address of a server behind the gateway."""
        return str(getattr(self, f"{server}_target"))

    @field_validator("bundle_roots", mode="before")
    @classmethod
    def _split_roots(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part for part in text.split(os.pathsep) if part.strip()]
        return value

    @field_validator("bundle_roots")
    @classmethod
    def _absolute_roots(cls, roots: tuple[Path, ...]) -> tuple[Path, ...]:
        # Relative roots are taken from the directory the gateway starts in.
        return tuple(root.expanduser().absolute() for root in roots)


class ResultCacheSettings(BaseSettings):
    """The gateway's result cache (gateway/result_cache.py): TUBELENS_RESULT_CACHE_*."""

    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}RESULT_CACHE_", env_file=None, extra="ignore"
    )

    # Empty: a store inside each gateway process; redis://host:6379/0: one store every gateway
    # replica shares.
    url: str = ""
    # A YouTube video's comments and counts change: minutes, not days. 0: never cached.
    ttl_youtube_seconds: float = Field(default=900.0, ge=0)
    # A bundle is keyed by its files' size and modification time, so it can live long.
    ttl_bundle_seconds: float = Field(default=86400.0, ge=0)
    # The in-process store's bounds (Redis is bounded by its own maxmemory). 0 MB: no store.
    max_entries: int = Field(default=10000, ge=1)
    max_mb: int = Field(default=64, ge=0)  # counts against the gateway pod's memory limit
    # How long a service's engine fingerprint, learned from its answers, is trusted before the
    # next call asks the service again: the longest a changed engine could be missed.
    engine_seconds: float = Field(default=60.0, gt=0)
    # Part of every key: change it to drop every cached result at once (a new deployment).
    namespace: str = ""
    redis_timeout_seconds: float = Field(default=0.25, gt=0)  # per Redis command
