"""One long-lived channel per downstream service, made at start-up and shared by every call."""

from __future__ import annotations

from dataclasses import dataclass

import grpc

from tubelens.observability.tracing import client_interceptors
from tubelens.server.channels import channel_options, open_channel
from tubelens.servers import behind_gateway
from tubelens.settings import GatewaySettings
from tubelens.v1 import (
    comments_pb2_grpc,
    photocard_pb2_grpc,
    summary_pb2_grpc,
    thumbnail_pb2_grpc,
    video_pb2_grpc,
)


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
    tls_files = (
        settings.downstream_tls_ca_file,
        settings.downstream_tls_cert_file,
        settings.downstream_tls_key_file,
    )
    channels = {
        name: open_channel(target, options, tls_files, interceptors)
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
