"""The CLI's channel to a gateway: TLS and an API key when the environment gives them.

TUBELENS_API_KEY is sent as `authorization: Bearer <key>` on every call; TUBELENS_CLIENT_CA_FILE
turns TLS on (the CA the gateway's certificate chains to), and TUBELENS_CLIENT_CERT_FILE with
TUBELENS_CLIENT_KEY_FILE present a client certificate (mTLS).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import grpc
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.server.tls import channel_credentials
from tubelens.settings import ENV_PREFIX


class ClientSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=None, extra="ignore")

    api_key: SecretStr | None = None
    client_ca_file: Path | None = None
    client_cert_file: Path | None = None
    client_key_file: Path | None = None


class _Bearer(
    grpc.aio.UnaryUnaryClientInterceptor,
    grpc.aio.UnaryStreamClientInterceptor,
    grpc.aio.StreamUnaryClientInterceptor,
):
    """Adds the API key to every call's metadata."""

    def __init__(self, key: str) -> None:
        self._header = ("authorization", f"Bearer {key}")

    def _with_key(self, details: grpc.aio.ClientCallDetails) -> grpc.aio.ClientCallDetails:
        metadata = grpc.aio.Metadata(*(details.metadata or ()), self._header)
        return details._replace(metadata=metadata)  # type: ignore[attr-defined]

    async def intercept_unary_unary(self, continuation: Any, details: Any, request: Any) -> Any:
        return await continuation(self._with_key(details), request)

    async def intercept_unary_stream(self, continuation: Any, details: Any, request: Any) -> Any:
        return await continuation(self._with_key(details), request)

    async def intercept_stream_unary(self, continuation: Any, details: Any, requests: Any) -> Any:
        return await continuation(self._with_key(details), requests)


def gateway_channel(
    target: str, options: Sequence[tuple[str, Any]] = (), settings: ClientSettings | None = None
) -> grpc.aio.Channel:
    settings = settings or ClientSettings()
    key = settings.api_key.get_secret_value() if settings.api_key else ""
    interceptors = [_Bearer(key)] if key else None
    if settings.client_ca_file or settings.client_cert_file:
        credentials = channel_credentials(
            settings.client_ca_file, settings.client_cert_file, settings.client_key_file
        )
        return grpc.aio.secure_channel(
            target, credentials, options=list(options), interceptors=interceptors
        )
    return grpc.aio.insecure_channel(target, options=list(options), interceptors=interceptors)
