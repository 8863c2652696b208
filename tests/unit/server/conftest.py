"""A real in-process aio server with the service interceptor, around a scripted summary engine."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import grpc
import pytest

from services.summary.servicer import SummaryServicer
from tubelens.server.interceptor import ServiceInterceptor
from tubelens.v1 import summary_pb2, summary_pb2_grpc

ServeSummary = Callable[..., AbstractAsyncContextManager[summary_pb2_grpc.SummaryServiceStub]]


@pytest.fixture
def serve_summary() -> ServeSummary:
    """Serve a summary engine on a free loopback port; yields a stub connected to it."""

    @asynccontextmanager
    async def serve(
        engine: object,
        interceptor: ServiceInterceptor | None = None,
        options: list[tuple[str, int]] | None = None,
    ) -> AsyncIterator[summary_pb2_grpc.SummaryServiceStub]:
        server = grpc.aio.server(
            interceptors=[interceptor or ServiceInterceptor()], options=options or []
        )
        summary_pb2_grpc.add_SummaryServiceServicer_to_server(SummaryServicer(engine), server)
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                yield summary_pb2_grpc.SummaryServiceStub(channel)
        finally:
            await server.stop(0)

    return serve


def summary_request(title: str = "Bread") -> summary_pb2.SummarizeRequest:
    message = summary_pb2.SummarizeRequest()
    message.video.title = title
    return message
