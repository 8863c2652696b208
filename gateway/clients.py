"""One long-lived channel per downstream service, made at start-up and shared by every call."""

from __future__ import annotations

import json
from dataclasses import dataclass

import grpc

from tubelens.observability.tracing import client_interceptors
from tubelens.server.tls import channel_credentials
from tubelens.servers import behind_gateway
from tubelens.settings import GatewaySettings
from tubelens.v1 import (
    comments_pb2_grpc,
    photocard_pb2_grpc,
    summary_pb2_grpc,
    thumbnail_pb2_grpc,
    video_pb2_grpc,
)

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


@dataclass(frozen=True, slots=True)
class Downstream:
    """The stubs of the services behind the gateway, plus their channels for closing."""

    summary: summary_pb2_grpc.SummaryServiceStub
    comments: comments_pb2_grpc.CommentsServiceStub
    thumbnail: thumbnail_pb2_grpc.ThumbnailServiceStub
    photocard: photocard_pb2_grpc.PhotoCardServiceStub
    video: video_pb2_grpc.VideoServiceStub
    channels: tuple[grpc.aio.Channel, ...]
    targets: dict[str, str]

    async def close(self) -> None:
        for channel in self.channels:
            await channel.close()


def connect(settings: GatewaySettings) -> Downstream:
    targets = {server.name: settings.target_for(server.name) for server in behind_gateway()}
    options = channel_options(settings.max_message_bytes, settings.dns_min_refresh_seconds)
    interceptors = client_interceptors() or None
    tls = settings.downstream_tls_ca_file or settings.downstream_tls_cert_file
    if tls:
        credentials = channel_credentials(
            settings.downstream_tls_ca_file,
            settings.downstream_tls_cert_file,
            settings.downstream_tls_key_file,
        )
        channels = {
            name: grpc.aio.secure_channel(
                target, credentials, options=options, interceptors=interceptors
            )
            for name, target in targets.items()
        }
    else:
        channels = {
            name: grpc.aio.insecure_channel(target, options=options, interceptors=interceptors)
            for name, target in targets.items()
        }
    return Downstream(
        summary=summary_pb2_grpc.SummaryServiceStub(channels["summary"]),
        comments=comments_pb2_grpc.CommentsServiceStub(channels["comments"]),
        thumbnail=thumbnail_pb2_grpc.ThumbnailServiceStub(channels["thumbnail"]),
        photocard=photocard_pb2_grpc.PhotoCardServiceStub(channels["photocard"]),
        video=video_pb2_grpc.VideoServiceStub(channels["video"]),
        channels=tuple(channels.values()),
        targets=targets,
    )
