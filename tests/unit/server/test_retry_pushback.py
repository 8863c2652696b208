"""A service that answers is never re-asked by the gateway's channel; every answer has a request id.

Real aio servers, reached through a channel built with the gateway's own options (service config
with retryPolicy on UNAVAILABLE), so the retry behaviour is gRPC's, not a mock's.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import grpc
import pytest

from services.summary.servicer import SummaryServicer
from tests.unit.server.conftest import summary_request
from tests.unit.server.test_interceptor import ScriptedEngine
from tubelens.errors import Unavailable
from tubelens.logs import REQUEST_ID_HEADER
from tubelens.server.channels import channel_options
from tubelens.server.interceptor import ServiceInterceptor
from tubelens.server.status import answered_by_server, error_reason
from tubelens.v1 import summary_pb2_grpc


class CountingEngine(ScriptedEngine):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    async def summarize(self, request):
        self.calls += 1
        return await super().summarize(request)


class BareUnavailable(summary_pb2_grpc.SummaryServiceServicer):
    """A server without our interceptor: its UNAVAILABLE carries no pushback."""

    def __init__(self) -> None:
        self.calls = 0

    async def Summarize(self, request, context):  # noqa: N802 - gRPC method name
        self.calls += 1
        await context.abort(grpc.StatusCode.UNAVAILABLE, "down")


@asynccontextmanager
async def _serve(servicer: object, interceptors: list) -> AsyncIterator[str]:
    server = grpc.aio.server(interceptors=interceptors)
    summary_pb2_grpc.add_SummaryServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        await server.stop(0)


@asynccontextmanager
async def _gateway_stub(target: str) -> AsyncIterator[summary_pb2_grpc.SummaryServiceStub]:
    async with grpc.aio.insecure_channel(target, options=channel_options(8_000_000)) as channel:
        yield summary_pb2_grpc.SummaryServiceStub(channel)


async def test_channel_retries_unavailable_without_pushback() -> None:
    # Proves the gateway's service config parses and retries are on: without pushback, gRPC
    # re-sends an UNAVAILABLE answer up to maxAttempts (3) times.
    servicer = BareUnavailable()
    async with _serve(servicer, []) as target, _gateway_stub(target) as stub:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.Summarize(summary_request(), timeout=5)
    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE
    assert servicer.calls == 3
    assert not answered_by_server(raised.value)


async def test_service_that_answers_unavailable_is_asked_once() -> None:
    engine = CountingEngine()
    engine.error = Unavailable("Gemini is unavailable.", reason="GEMINI_UNAVAILABLE")
    interceptor = ServiceInterceptor()
    async with (
        _serve(SummaryServicer(engine), [interceptor]) as target,
        _gateway_stub(target) as stub,
    ):
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.Summarize(
                summary_request(), timeout=5, metadata=((REQUEST_ID_HEADER, "req-42"),)
            )
    assert engine.calls == 1
    error = raised.value
    assert error.code() == grpc.StatusCode.UNAVAILABLE
    assert answered_by_server(error)
    assert error_reason(_status(error)) == "GEMINI_UNAVAILABLE"
    assert (REQUEST_ID_HEADER, "req-42") in tuple(error.trailing_metadata())


async def test_ok_answer_carries_request_id_trailer() -> None:
    engine = CountingEngine()
    async with (
        _serve(SummaryServicer(engine), [ServiceInterceptor()]) as target,
        _gateway_stub(target) as stub,
    ):
        call = stub.Summarize(summary_request(), timeout=5, metadata=((REQUEST_ID_HEADER, "r-1"),))
        await call
        trailers = tuple(await call.trailing_metadata())
    assert (REQUEST_ID_HEADER, "r-1") in trailers


async def test_error_without_incoming_id_still_carries_a_generated_one() -> None:
    engine = CountingEngine()
    engine.error = Unavailable("down", reason="GEMINI_UNAVAILABLE")
    async with (
        _serve(SummaryServicer(engine), [ServiceInterceptor()]) as target,
        _gateway_stub(target) as stub,
    ):
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.Summarize(summary_request(), timeout=5)
    ids = [value for key, value in raised.value.trailing_metadata() if key == REQUEST_ID_HEADER]
    assert ids and ids[0]


async def test_unreachable_service_is_retried_and_reported_without_address() -> None:
    # Nothing listens: the call never reached a service, so the gateway says so, without the port.
    from gateway.tasks import downstream_status

    async with _serve(BareUnavailable(), []) as target:
        pass  # the port is now closed
    async with _gateway_stub(target) as stub:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.Summarize(summary_request(), timeout=2)
    assert not answered_by_server(raised.value)
    status = downstream_status("summary", raised.value)
    assert error_reason(status) == "SERVICE_UNAVAILABLE"
    assert "127.0.0.1" not in status.message
    assert target.rsplit(":", 1)[1] not in status.message


def _status(error: grpc.aio.AioRpcError):
    from tubelens.server.status import status_from_rpc_error

    return status_from_rpc_error(error)
