"""One Analyze makes one trace that runs from the gateway into the services it calls.

The gateway, summary and comments servers run in this process as real grpc.aio servers with
the interceptors a server gets from tubelens.server.runner, and the gateway's channels come
from gateway.clients.connect, so spans and context propagation are exactly the production
ones; the OpenTelemetry SDK's in-memory exporter collects what they send.
"""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator, Iterator
from types import SimpleNamespace

import grpc
import pytest
import structlog
from opentelemetry.trace import SpanKind

from gateway import label_handoff
from gateway.clients import connect
from gateway.servicer import GatewayServicer
from services.comments.engines.local import LocalCommentsEngine
from services.comments.servicer import CommentsServicer
from services.summary.engines.local import LocalSummaryEngine
from services.summary.servicer import SummaryServicer
from tests.conftest import SAMPLES
from tubelens import logs
from tubelens.observability import tracing
from tubelens.server.interceptor import ServiceInterceptor
from tubelens.settings import GatewaySettings
from tubelens.v1 import (
    comments_pb2_grpc,
    gateway_pb2,
    gateway_pb2_grpc,
    summary_pb2_grpc,
)

pytestmark = pytest.mark.integration
ANALYZE = "/tubelens.v1.GatewayService/Analyze"


def _server(*servicers: tuple) -> grpc.aio.Server:
    server = grpc.aio.server(interceptors=[*tracing.server_interceptors(), ServiceInterceptor()])
    for add, servicer in servicers:
        add(servicer, server)
    return server


@pytest.fixture
async def gateway(spans, monkeypatch) -> AsyncIterator[SimpleNamespace]:
    """A gateway server in front of summary and comments servers; a plain client channel."""
    # Both services seen answering locally: the gateway hands the comments' labels to the
    # summary (a third downstream call to trace).
    monkeypatch.setattr(label_handoff, "_engines", {"summary": 1, "comments": 1})
    comments = CommentsServicer(LocalCommentsEngine())
    summary = SummaryServicer(LocalSummaryEngine())
    services = _server(
        (comments_pb2_grpc.add_CommentsServiceServicer_to_server, comments),
        (summary_pb2_grpc.add_SummaryServiceServicer_to_server, summary),
    )
    port = services.add_insecure_port("127.0.0.1:0")
    await services.start()
    target = f"127.0.0.1:{port}"
    settings = GatewaySettings(
        bundle_roots=(SAMPLES,), summary_target=target, comments_target=target
    )
    downstream = connect(settings)
    servicer = GatewayServicer(downstream, settings)
    front = _server((gateway_pb2_grpc.add_GatewayServiceServicer_to_server, servicer))
    front_port = front.add_insecure_port("127.0.0.1:0")
    await front.start()
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{front_port}")  # the caller: no tracing
    yield SimpleNamespace(stub=gateway_pb2_grpc.GatewayServiceStub(channel))
    await channel.close()
    await servicer.close()
    await downstream.close()
    await front.stop(0)
    await services.stop(0)


async def test_one_analyze_is_one_trace_from_gateway_to_services(gateway, spans) -> None:
    request = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(bundle="en-sourdough"),
        tasks=[gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_COMMENTS],
    )
    call = gateway.stub.Analyze(request, metadata=(("x-request-id", "trace-me-1"),))
    reply = await call
    assert [result.status.code for result in reply.results] == [0, 0]

    finished = spans.get_finished_spans()
    by_id = {span.context.span_id: span for span in finished}
    roots = [span for span in finished if span.parent is None]
    assert [span.name for span in roots] == [ANALYZE]
    root = roots[0]
    assert root.kind is SpanKind.SERVER
    assert root.attributes["tubelens.request_id"] == "trace-me-1"
    assert {span.context.trace_id for span in finished} == {root.context.trace_id}

    def parent(span):
        return by_id[span.parent.span_id]

    service_calls = [span for span in finished if span.kind is SpanKind.SERVER and span is not root]
    names = sorted(span.name for span in service_calls)
    assert names == [
        "/tubelens.v1.CommentsService/AnalyzeComments",
        "/tubelens.v1.SummaryService/Summarize",
    ]
    for server_span in service_calls:
        # Each service call hangs under the gateway's client span for that very method,
        # which hangs (through the gateway's own spans) under the Analyze.
        client = parent(server_span)
        assert client.kind is SpanKind.CLIENT
        assert client.name == server_span.name
        assert server_span.attributes["tubelens.request_id"] == "trace-me-1"
        ancestor = client
        while ancestor.parent is not None:
            ancestor = parent(ancestor)
        assert ancestor is root
    fetches = {span.attributes["tubelens.part"] for span in finished if span.name == "input.fetch"}
    assert {"comments", "transcript"} <= fetches  # fmt: skip
    assert all(parent(span) is root for span in finished if span.name == "input.fetch")


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """configure_logging as a server calls it, written to a buffer; restored after."""
    before = structlog.get_config()
    logs.configure_logging("INFO", "json", service="gateway")
    buffer = io.StringIO()
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(file=buffer))
    yield buffer
    structlog.configure(**before)


def test_log_lines_carry_the_trace_and_the_server(spans, json_lines) -> None:
    logger = logs.get_logger("tracing-test")
    with tracing.span("work") as span:
        logger.info("inside", code="OK")
    logger.info("outside")
    lines = [json.loads(line) for line in json_lines.getvalue().splitlines()]
    inside, outside = lines[-2], lines[-1]
    context = span.get_span_context()
    assert inside["trace_id"] == f"{context.trace_id:032x}"
    assert inside["span_id"] == f"{context.span_id:016x}"
    assert inside["service"] == "gateway" and outside["service"] == "gateway"
    assert "trace_id" not in outside


def test_tracing_is_off_unless_the_environment_asks() -> None:
    assert not tracing.tracing_requested({})
    assert not tracing.tracing_requested({"OTEL_TRACES_EXPORTER": "none"})
    assert tracing.tracing_requested({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4317"})
    assert tracing.tracing_requested({"OTEL_TRACES_EXPORTER": "otlp"})
    assert not tracing.tracing_requested(
        {"OTEL_TRACES_EXPORTER": "otlp", "OTEL_SDK_DISABLED": "true"}
    )
    # Off: nothing is installed and spans are one shared no-op.
    assert tracing.server_interceptors() == [] and tracing.client_interceptors() == []
    assert tracing.span("a") is tracing.span("b")
    assert tracing.trace_ids() == {}
