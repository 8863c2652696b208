"""Client channels between our own servers (the gateway to the services, the web front to the
gateway): one recipe, so load spreading, retries and TLS behave the same on every hop."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import grpc

from tubelens.server.tls import channel_credentials

# round_robin spreads calls over every address a dns:/// target resolves to (one per replica).
# UNAVAILABLE is retried on another replica only when no service answered (refused connection, a
# replica going away): every answer of our servers carries gRFC A6 pushback "-1"
# (tubelens.server.status.NO_RETRY), because a service that answered has already spent its own
# upstream retries (Gemini, tubelens.gemini) and asking it again would multiply them.
# retryThrottling stops retrying altogether while most calls fail (an outage, not a blip).
_SERVICE_CONFIG = json.dumps(
    {
        "loadBalancingConfig": [{"round_robin": {}}],
        "retryThrottling": {"maxTokens": 10, "tokenRatio": 0.1},
        "methodConfig": [
            {
                "name": [{}],
                "retryPolicy": {
                    "maxAttempts": 3,
                    "initialBackoff": "0.05s",
                    "maxBackoff": "0.5s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE"],
                },
            }
        ],
    }
)


def channel_options(
    max_message_bytes: int, dns_min_refresh_seconds: float = 30.0
) -> list[tuple[str, object]]:
    return [
        ("grpc.dns_min_time_between_resolutions_ms", int(dns_min_refresh_seconds * 1000)),
        ("grpc.service_config", _SERVICE_CONFIG),
        ("grpc.enable_retries", 1),
        # A request is kept for a retry only while the call's buffered bytes fit; the default
        # (256 KiB) would make large requests (long transcripts, photos) unretryable.
        ("grpc.per_rpc_retry_buffer_size", max_message_bytes),
        ("grpc.max_receive_message_length", max_message_bytes),
        ("grpc.max_send_message_length", max_message_bytes),
        ("grpc.keepalive_time_ms", 60_000),
    ]


def open_channel(
    target: str,
    options: Sequence[tuple[str, object]],
    tls_files: tuple[Path | None, Path | None, Path | None] = (None, None, None),
    interceptors: Sequence[grpc.aio.ClientInterceptor] | None = None,
) -> grpc.aio.Channel:
    """A channel to `target`; TLS when a CA or a client certificate is given in `tls_files`
    (ca, cert, key), plaintext otherwise."""
    ca, cert, key = tls_files
    if ca is not None or cert is not None:
        credentials = channel_credentials(ca, cert, key)
        return grpc.aio.secure_channel(
            target, credentials, options=options, interceptors=interceptors
        )
    return grpc.aio.insecure_channel(target, options=options, interceptors=interceptors)
