"""Retry-After on HTTP errors: a 429 or 503 whose status carries a RetryInfo detail tells HTTP
clients how long to wait in the header too, in whole seconds rounded up."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent import futures

import grpc
import pytest
from grpc_status import rpc_status
from starlette.testclient import TestClient

from tubelens.server.status import rpc_status_of
from tubelens.v1 import gateway_pb2
from web.app import create_app
from web.settings import WebSettings
from web.transcode import error_body, error_headers


def _body(code: grpc.StatusCode, retry_after_seconds: float | None) -> tuple[int, dict]:
    status = rpc_status_of(code, "Come back later.", "SOME_REASON", {}, retry_after_seconds)
    return error_body(code.name, status.message, status.details)


@pytest.mark.parametrize(
    ("code", "delay", "header"),
    [
        (grpc.StatusCode.RESOURCE_EXHAUSTED, 12.3, "13"),  # rounded up, never sooner
        (grpc.StatusCode.RESOURCE_EXHAUSTED, 30.0, "30"),  # whole seconds stay as they are
        (grpc.StatusCode.RESOURCE_EXHAUSTED, 59.000000001, "60"),
        (grpc.StatusCode.UNAVAILABLE, 0.4, "1"),
        (grpc.StatusCode.UNAVAILABLE, 0.0, "0"),
        (grpc.StatusCode.UNAVAILABLE, 86_399.5, "86400"),  # until the next UTC midnight
    ],
)
def test_a_retry_info_of_a_429_or_503_becomes_retry_after(code, delay, header) -> None:
    status, body = _body(code, delay)
    assert error_headers(status, body) == {"Retry-After": header}


@pytest.mark.parametrize(
    ("code", "delay"),
    [
        (grpc.StatusCode.RESOURCE_EXHAUSTED, None),  # nothing says when: no header
        (grpc.StatusCode.UNAVAILABLE, None),
        (grpc.StatusCode.ABORTED, 5.0),  # 409: RFC 9110 gives Retry-After no meaning there
        (grpc.StatusCode.FAILED_PRECONDITION, 5.0),
    ],
)
def test_no_retry_after_without_a_delay_or_on_other_statuses(code, delay) -> None:
    status, body = _body(code, delay)
    assert error_headers(status, body) == {}


def test_an_error_made_by_the_web_front_itself_has_no_retry_after() -> None:
    assert error_headers(*error_body("NOT_FOUND", "No API method answers GET /v1/x.")) == {}


# Through the app: a gateway stand-in that refuses every call with a status and its details.
_REFUSAL = {
    "Analyze": rpc_status_of(
        grpc.StatusCode.RESOURCE_EXHAUSTED, "Over quota.", "QUOTA_EXCEEDED", {}, 41.2
    ),
    "AnalyzeStream": rpc_status_of(
        grpc.StatusCode.UNAVAILABLE, "Overloaded.", "OVERLOADED", {}, 2.5
    ),
}


def _refuse(name: str):
    def unary(request: gateway_pb2.AnalyzeRequest, context: grpc.ServicerContext) -> None:
        context.abort_with_status(rpc_status.to_status(_REFUSAL[name]))

    def stream(request: gateway_pb2.AnalyzeStreamRequest, context: grpc.ServicerContext):
        context.abort_with_status(rpc_status.to_status(_REFUSAL[name]))
        yield  # a generator, as a server-streaming handler is

    if name == "AnalyzeStream":
        return grpc.unary_stream_rpc_method_handler(
            stream,
            request_deserializer=gateway_pb2.AnalyzeStreamRequest.FromString,
            response_serializer=gateway_pb2.AnalyzeStreamResponse.SerializeToString,
        )
    return grpc.unary_unary_rpc_method_handler(
        unary,
        request_deserializer=gateway_pb2.AnalyzeRequest.FromString,
        response_serializer=gateway_pb2.AnalyzeResponse.SerializeToString,
    )


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                "tubelens.v1.GatewayService", {name: _refuse(name) for name in _REFUSAL}
            ),
        )
    )
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    try:
        with TestClient(create_app(WebSettings(gateway_target=f"127.0.0.1:{port}"))) as client:
            yield client
    finally:
        server.stop(None)


def test_a_refused_call_answers_retry_after_from_its_retry_info(client: TestClient) -> None:
    answer = client.post("/v1/videos:analyze", json={"video": {"bundle": "en-sourdough"}})
    assert answer.status_code == 429
    assert answer.headers["retry-after"] == "42"
    details = answer.json()["error"]["details"]
    assert {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "41.200s"} in details


def test_a_stream_refused_before_its_first_event_answers_retry_after(client: TestClient) -> None:
    answer = client.get("/v1/videos:analyzeStream", params={"video.bundle": "en-sourdough"})
    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.headers["retry-after"] == "3"
    assert answer.json()["error"]["status"] == "UNAVAILABLE"
