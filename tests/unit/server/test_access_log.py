"""Every call that ends leaves exactly one access-log line with its code, however it ends; and
the servicer sees the caller's deadline through tubelens.calls."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from structlog.testing import capture_logs

from tests.unit.server.conftest import summary_request
from tubelens.calls import time_left
from tubelens.errors import NotFound
from tubelens.server.held_requests import HeldRequests
from tubelens.server.interceptor import ServiceInterceptor


class SlowEngine:
    def __init__(self) -> None:
        self.seen_time_left: list[float | None] = []
        self.error: Exception | None = None

    async def summarize(self, request):
        self.seen_time_left.append(time_left())
        if self.error:
            raise self.error
        await asyncio.sleep(30)


@pytest.fixture
async def served(serve_summary):
    engine = SlowEngine()
    async with serve_summary(engine) as stub:
        yield engine, stub


async def done_lines(logs: list[dict], count: int = 1) -> list[dict]:
    for _ in range(100):  # the server logs a moment after the client sees the end
        lines = [entry for entry in logs if entry["event"] == "rpc_done"]
        if len(lines) >= count:
            return lines
        await asyncio.sleep(0.02)
    return [entry for entry in logs if entry["event"] == "rpc_done"]


async def test_a_call_past_its_deadline_is_logged_as_such(served) -> None:
    engine, stub = served
    with capture_logs() as logs:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.Summarize(summary_request(), timeout=0.3)
        lines = await done_lines(logs)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert [line["code"] for line in lines] == ["DEADLINE_EXCEEDED"]
    # gRPC sends the timeout rounded up to its wire unit, so allow a hair over
    assert 0 < engine.seen_time_left[0] <= 0.35


async def test_a_call_the_caller_cancels_is_logged_as_cancelled(served) -> None:
    _, stub = served
    with capture_logs() as logs:
        call = stub.Summarize(summary_request(), timeout=10)
        await asyncio.sleep(0.3)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        lines = await done_lines(logs)
    assert [line["code"] for line in lines] == ["CANCELLED"]


async def test_a_domain_error_is_logged_once_with_its_reason(served) -> None:
    engine, stub = served
    engine.error = NotFound("No such video.", reason="VIDEO_NOT_FOUND")
    with capture_logs() as logs:
        with pytest.raises(grpc.aio.AioRpcError):
            await stub.Summarize(summary_request(), timeout=5)
        lines = await done_lines(logs)
    assert [(line["code"], line.get("reason")) for line in lines] == [
        ("NOT_FOUND", "VIDEO_NOT_FOUND")
    ]


async def test_requests_past_the_held_bytes_bound_are_refused_before_the_servicer(
    serve_summary,
) -> None:
    engine = SlowEngine()
    big = summary_request()
    for index in range(10_000):  # about 520 KB: two of them are over the bound
        cue = big.transcript.cues.add(text=f"cue number {index} says something long enough")
        cue.start.seconds = index
    async with serve_summary(engine, ServiceInterceptor(HeldRequests(800_000))) as stub:
        first = stub.Summarize(big, timeout=10)
        await asyncio.sleep(0.3)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.Summarize(big, timeout=10)
        assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "TUBELENS_REQUESTS_MB" in caught.value.details()
        assert len(engine.seen_time_left) == 1  # the second never reached the engine
        first.cancel()
        await asyncio.sleep(0.3)
        second = stub.Summarize(big, timeout=0.5)  # alone again: let in
        with pytest.raises(grpc.aio.AioRpcError) as late:
            await second
        assert late.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        assert len(engine.seen_time_left) == 2
