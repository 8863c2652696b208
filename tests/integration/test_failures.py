"""Partial results, deadlines, cancellation and shutdown, with a fake slow summary service.

The gateway runs as a real process; its summary target points at a servicer inside this test
whose delay the test controls, while comments and thumbnail go to the real services.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tubelens.cli.stack import Stack
from tubelens.server.status import error_reason
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, summary_pb2, summary_pb2_grpc

from .conftest import free_base_port, start_stack

pytestmark = pytest.mark.integration
OK, UNAVAILABLE, DEADLINE = (
    grpc.StatusCode.OK.value[0],
    grpc.StatusCode.UNAVAILABLE.value[0],
    grpc.StatusCode.DEADLINE_EXCEEDED.value[0],
)


class SlowSummary(summary_pb2_grpc.SummaryServiceServicer):
    def __init__(self) -> None:
        self.delay = 0.0
        self.started = asyncio.Event()
        self.cancelled = asyncio.Event()
        self.request_ids: list[str] = []

    async def Summarize(self, request, context):
        self.request_ids.append(dict(context.invocation_metadata()).get("x-request-id", ""))
        self.started.set()
        try:
            await asyncio.sleep(self.delay)
        except asyncio.CancelledError:
            self.cancelled.set()
            raise
        return summary_pb2.SummarizeResponse(result=summary_pb2.SummaryResult(tldr="slow"))


@pytest.fixture
async def slow_summary() -> AsyncIterator[tuple[SlowSummary, str]]:
    servicer = SlowSummary()
    server = grpc.aio.server()
    summary_pb2_grpc.add_SummaryServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    yield servicer, f"127.0.0.1:{port}"
    await server.stop(0)


@pytest.fixture
async def own_gateway(stack: Stack, slow_summary, tmp_path):
    """A gateway process of this test's own, whose summary target is the slow fake."""
    env = {
        "TUBELENS_SUMMARY_TARGET": slow_summary[1],
        "TUBELENS_GRACE_SECONDS": "5",
        **{
            f"TUBELENS_{name.upper()}_TARGET": stack.address(name)
            for name in ("comments", "thumbnail", "photocard")
        },
    }
    own = Stack(base_port=free_base_port(), only=("gateway",), extra_env=env, log_dir=tmp_path)
    await asyncio.to_thread(own.start, 60)
    yield own
    own.stop()


@pytest.fixture
async def gateway_with_slow_summary(slow_summary, own_gateway: Stack):
    async with grpc.aio.insecure_channel(own_gateway.address("gateway")) as channel:
        yield slow_summary[0], gateway_pb2_grpc.GatewayServiceStub(channel)


def _request(**kwargs) -> gateway_pb2.AnalyzeStreamRequest:
    return gateway_pb2.AnalyzeStreamRequest(
        video=gateway_pb2.VideoRef(bundle="en-sourdough"), **kwargs
    )


async def test_stream_yields_in_completion_order(gateway_with_slow_summary) -> None:
    servicer, gateway = gateway_with_slow_summary
    # Long enough that the other tasks finish first even on a cold, loaded machine (the
    # thumbnail's first OCR loads tesseract's models).
    servicer.delay = 5.0
    order = [
        m.task_result.task
        async for m in gateway.AnalyzeStream(_request(), timeout=30)
        if m.HasField("task_result")
    ]
    assert order[-1] == gateway_pb2.TASK_SUMMARY  # requested first, finished last
    assert set(order) == {1, 2, 3}


async def test_slow_service_reports_deadline_within_the_callers_deadline(
    gateway_with_slow_summary,
) -> None:
    servicer, gateway = gateway_with_slow_summary
    servicer.delay = 30
    started = time.perf_counter()
    response = await gateway.Analyze(
        gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle="en-sourdough")), timeout=3.0
    )
    elapsed = time.perf_counter() - started

    assert elapsed < 3.0
    codes = {r.task: r.status.code for r in response.results}
    assert codes == {
        gateway_pb2.TASK_SUMMARY: DEADLINE,
        gateway_pb2.TASK_COMMENTS: OK,
        gateway_pb2.TASK_THUMBNAIL: OK,
    }
    summary = response.results[0]
    assert error_reason(summary.status) == "TASK_DEADLINE_EXCEEDED"
    assert "deadline" in summary.status.message


async def test_cancelling_the_stream_cancels_downstream_calls(gateway_with_slow_summary) -> None:
    servicer, gateway = gateway_with_slow_summary
    servicer.delay = 30
    call = gateway.AnalyzeStream(_request(tasks=[gateway_pb2.TASK_SUMMARY]), timeout=30)
    await asyncio.wait_for(servicer.started.wait(), 10)
    call.cancel()
    await asyncio.wait_for(servicer.cancelled.wait(), 5)


async def test_cancelling_between_messages_cancels_the_rest(gateway_with_slow_summary) -> None:
    servicer, gateway = gateway_with_slow_summary
    servicer.delay = 30
    call = gateway.AnalyzeStream(
        _request(tasks=[gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_THUMBNAIL]), timeout=30
    )
    first = await asyncio.wait_for(call.read(), 20)
    assert first.task_result.task == gateway_pb2.TASK_THUMBNAIL
    call.cancel()
    await asyncio.wait_for(servicer.cancelled.wait(), 5)


async def test_request_id_reaches_the_services_and_the_logs(
    gateway_with_slow_summary, tmp_path
) -> None:
    servicer, gateway = gateway_with_slow_summary
    response = await gateway.Analyze(
        gateway_pb2.AnalyzeRequest(
            video=gateway_pb2.VideoRef(bundle="en-sourdough"), tasks=[gateway_pb2.TASK_SUMMARY]
        ),
        metadata=(("x-request-id", "trace-me-123"),),
        timeout=30,
    )
    assert response.request_id == "trace-me-123"
    assert servicer.request_ids == ["trace-me-123"]
    logged = [json.loads(line) for line in (tmp_path / "gateway.log").read_text().splitlines()]
    assert {"task_done", "rpc_done"} <= {
        e["event"] for e in logged if e.get("request_id") == "trace-me-123"
    }


async def test_sigterm_lets_in_flight_calls_finish(slow_summary, own_gateway: Stack) -> None:
    servicer, _ = slow_summary
    servicer.delay = 1.0
    async with grpc.aio.insecure_channel(own_gateway.address("gateway")) as channel:
        call = gateway_pb2_grpc.GatewayServiceStub(channel).Analyze(
            gateway_pb2.AnalyzeRequest(
                video=gateway_pb2.VideoRef(bundle="en-sourdough"), tasks=[gateway_pb2.TASK_SUMMARY]
            ),
            timeout=20,
        )
        await asyncio.wait_for(servicer.started.wait(), 10)
        own_gateway.processes["gateway"].terminate()
        response = await call
    assert response.results[0].status.code == OK
    assert response.results[0].summary.tldr == "slow"
    assert await asyncio.to_thread(own_gateway.stop_one, "gateway") == 0


def test_a_stopped_service_reports_unavailable_quickly(tmp_path) -> None:
    stack = start_stack(tmp_path)
    try:
        assert stack.stop_one("comments") == 0  # SIGTERM drains and exits cleanly
        with grpc.insecure_channel(stack.address("gateway")) as channel:
            gateway = gateway_pb2_grpc.GatewayServiceStub(channel)
            started = time.perf_counter()
            response = gateway.Analyze(
                gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle="ko-homecafe")),
                timeout=30,
            )
            elapsed = time.perf_counter() - started
        codes = {r.task: r.status.code for r in response.results}
        assert codes == {
            gateway_pb2.TASK_SUMMARY: OK,
            gateway_pb2.TASK_COMMENTS: UNAVAILABLE,
            gateway_pb2.TASK_THUMBNAIL: OK,
        }
        assert "comments service" in response.results[1].status.message
        assert error_reason(response.results[1].status) == "SERVICE_UNAVAILABLE"
        assert elapsed < 10
    finally:
        codes = stack.stop()
    assert set(codes.values()) == {0}, codes


def test_sigterm_turns_health_not_serving_and_exits_zero(tmp_path) -> None:
    stack = Stack(
        base_port=free_base_port(),
        only=("thumbnail",),
        log_dir=tmp_path,
        extra_env={"TUBELENS_GRACE_SECONDS": "1"},
    )
    stack.start(60)
    with grpc.insecure_channel(stack.address("thumbnail")) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        watch = health.Watch(health_pb2.HealthCheckRequest(service=""), timeout=20)
        assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
        stack.processes["thumbnail"].terminate()
        assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING
    assert stack.stop_one("thumbnail") == 0
