"""`tubelens up` with the standard OTLP variables: the six server processes export one trace
per Analyze, over OTLP/gRPC, to a collector (a loopback fake speaking the real protocol)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import grpc
import pytest

from tests.fakes.otlp_collector import FakeCollector, ReceivedSpan
from tests.integration.conftest import start_stack
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

pytestmark = pytest.mark.integration
SERVER = 2  # opentelemetry.proto.trace.v1.Span.SPAN_KIND_SERVER


@pytest.fixture(scope="module")
def collector() -> Iterator[FakeCollector]:
    fake = FakeCollector().start()
    yield fake
    fake.stop()


def _poll(collector: FakeCollector, done: Callable[[list[ReceivedSpan]], bool]) -> list:
    """The spans received so far, once `done` holds for them (or after 20 s)."""
    deadline = time.monotonic() + 20
    spans = collector.spans()
    while not done(spans) and time.monotonic() < deadline:
        time.sleep(0.2)
        spans = collector.spans()
    return spans


def _is_root(span: ReceivedSpan) -> bool:
    return (
        span.service == "tubelens-gateway"
        and span.attributes.get("tubelens.request_id") == "otlp-trace-1"
    )


def test_an_analyze_is_exported_as_one_trace_by_every_server(collector, tmp_path) -> None:
    env = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{collector.port}",
        "OTEL_EXPORTER_OTLP_INSECURE": "true",
        "OTEL_BSP_SCHEDULE_DELAY": "100",  # ms: export soon after the call
    }
    stack = start_stack(tmp_path / "logs", env)
    try:
        with grpc.insecure_channel(stack.address("gateway")) as channel:
            stub = gateway_pb2_grpc.GatewayServiceStub(channel)
            request = gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle="en-sourdough"))
            reply, call = stub.Analyze.with_call(
                request, timeout=120, metadata=(("x-request-id", "otlp-trace-1"),)
            )
        assert all(result.status.code == 0 for result in reply.results)
        assert ("x-request-id", "otlp-trace-1") in call.trailing_metadata()
        [root] = [s for s in _poll(collector, lambda got: any(map(_is_root, got))) if _is_root(s)]
        wanted = {f"tubelens-{name}" for name in ("gateway", "summary", "comments", "thumbnail")}

        def complete(got: list[ReceivedSpan]) -> bool:
            return wanted <= {span.service for span in got if span.trace_id == root.trace_id}

        spans = [span for span in _poll(collector, complete) if span.trace_id == root.trace_id]
    finally:
        stack.stop()

    assert root.parent_id == "" and root.kind == SERVER
    assert root.name == "/tubelens.v1.GatewayService/Analyze"
    assert wanted <= {span.service for span in spans}
    by_id = {span.span_id: span for span in spans}
    for span in spans:
        if span.service != "tubelens-gateway" and span.kind == SERVER:
            caller = by_id[span.parent_id]  # the gateway's client span for this call
            assert caller.service == "tubelens-gateway" and caller.name == span.name
            assert span.attributes["tubelens.request_id"] == "otlp-trace-1"
    # The gateway's own work (reading the inputs) is in the same trace.
    assert any(span.name == "input.fetch" for span in spans)
