"""The HTTP/JSON API (python -m web) in front of a gateway with access control on: the caller's
key travels as `authorization: Bearer <key>`, and refusals come back as Google-style error
bodies with the status, details and (for quotas) the Retry-After header HTTP clients act on.

Callers in the access file: `busy` (everything, no limits), `limited` (analyses only),
`metered` (one analysis a minute) and `reader` (analyses; its usage is read back).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import grpc
import httpx
import pytest
from google.protobuf import duration_pb2, json_format

from gateway.access.callers import key_digest
from tubelens.cli.stack import Stack
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, usage_pb2

from .conftest import start_stack

pytestmark = pytest.mark.integration
KEYS = {
    "busy": "tlk_web-busy-key",
    "limited": "tlk_web-limited-key",
    "metered": "tlk_web-metered-key",
    "reader": "tlk_web-reader-key",
}
ACCESS = f"""
[callers.busy]
api_key_sha256 = ["{key_digest(KEYS["busy"])}"]

[callers.limited]
api_key_sha256 = ["{key_digest(KEYS["limited"])}"]
permissions = ["analyze"]

[callers.metered]
api_key_sha256 = ["{key_digest(KEYS["metered"])}"]
permissions = ["analyze"]
analyses_per_minute = 1

[callers.reader]
api_key_sha256 = ["{key_digest(KEYS["reader"])}"]
permissions = ["analyze"]
"""
THUMBNAIL_ONLY = {"video": {"bundle": "en-sourdough"}, "tasks": ["TASK_THUMBNAIL"]}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """This module's own gateway, with the access file; conftest's `web` fixture fronts it."""
    running = start_stack(
        tmp_path_factory.mktemp("web-access-logs"), {"TUBELENS_ACCESS_CONFIG": ACCESS}
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def gateway(stack: Stack) -> Iterator[gateway_pb2_grpc.GatewayServiceStub]:
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)


def _as(caller: str) -> dict[str, str]:
    return {"authorization": f"Bearer {KEYS[caller]}"}


def _grpc_as(caller: str) -> tuple[tuple[str, str], ...]:
    return tuple(_as(caller).items())


def _detail(answer: httpx.Response, kind: str) -> dict[str, Any]:
    """The error body's detail of type google.rpc.<kind>."""
    details = answer.json()["error"].get("details", [])
    found = [d for d in details if d["@type"] == f"type.googleapis.com/google.rpc.{kind}"]
    assert found, f"no {kind} in {details}"
    return found[0]


def _refused(answer: httpx.Response, status: int, reason: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    error = answer.json()["error"]
    assert error["code"] == status and error["message"]
    info = _detail(answer, "ErrorInfo")
    assert (info["reason"], info["domain"]) == (reason, "tubelens")
    return error


def _comparable(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The task results without what differs from one run to the next."""
    results = []
    for result in answer["results"]:
        result = {key: value for key, value in result.items() if key != "latency"}
        result["provenance"] = {
            key: value for key, value in result.get("provenance", {}).items() if key != "computedAt"
        }
        results.append(result)
    return results


def _events(response: httpx.Response) -> list[tuple[str, dict[str, Any]]]:
    found, kind = [], ""
    for line in response.iter_lines():
        if line.startswith("event: "):
            kind = line.removeprefix("event: ")
        elif line.startswith("data: "):
            found.append((kind, json.loads(line.removeprefix("data: "))))
    return found


def test_without_a_key_or_with_a_wrong_one_the_call_is_a_401(web: httpx.Client) -> None:
    missing = web.post("/v1/videos:analyze", json=THUMBNAIL_ONLY)
    error = _refused(missing, 401, "CREDENTIALS_MISSING")
    assert error["status"] == "UNAUTHENTICATED"
    assert "retry-after" not in missing.headers

    wrong = web.post(
        "/v1/videos:analyze", json=THUMBNAIL_ONLY, headers={"authorization": "Bearer tlk_nope"}
    )
    assert _refused(wrong, 401, "API_KEY_INVALID")["status"] == "UNAUTHENTICATED"


def test_with_a_valid_key_http_answers_what_grpc_answers_that_caller(
    web: httpx.Client, gateway: gateway_pb2_grpc.GatewayServiceStub
) -> None:
    answer = web.post("/v1/videos:analyze", json=THUMBNAIL_ONLY, headers=_as("busy"))
    assert answer.status_code == 200, answer.text
    reply = gateway.Analyze(
        json_format.ParseDict(THUMBNAIL_ONLY, gateway_pb2.AnalyzeRequest()),
        timeout=60,
        metadata=_grpc_as("busy"),
    )
    expected = json_format.MessageToDict(reply)
    assert _comparable(answer.json()) == _comparable(expected)
    assert answer.json()["results"][0]["status"].get("code", 0) == 0


def test_the_event_stream_needs_the_key_too(web: httpx.Client) -> None:
    query = {"video.bundle": "en-sourdough", "tasks": "TASK_THUMBNAIL"}
    with web.stream("GET", "/v1/videos:analyzeStream", params=query, headers=_as("busy")) as sse:
        assert sse.status_code == 200
        assert sse.headers["content-type"].startswith("text/event-stream")
        events = _events(sse)
    assert [kind for kind, _ in events] == ["taskResult", "completed"]
    assert events[0][1]["task"] == "TASK_THUMBNAIL"

    # Refused before the first result: a plain HTTP error with the JSON body the page reads
    # (web/static/app.js shows error.message in every panel), not an event stream.
    with web.stream("GET", "/v1/videos:analyzeStream", params=query) as refused:
        refused.read()
    error = _refused(refused, 401, "CREDENTIALS_MISSING")
    assert "authorization" in error["message"]


def test_a_caller_without_the_photocard_permission_is_a_403(web: httpx.Client) -> None:
    body = {"photo": "eA==", "prompt": "a knight"}  # never looked at: the gate refuses first
    answer = web.post("/v1/photoCards", json=body, headers=_as("limited"))
    error = _refused(answer, 403, "PERMISSION_MISSING")
    assert error["status"] == "PERMISSION_DENIED"
    assert _detail(answer, "ErrorInfo")["metadata"] == {
        "caller": "limited",
        "permission": "photocard",
    }


def _retry_after(answer: httpx.Response) -> int:
    """The Retry-After header, checked against the RetryInfo detail: its delay in whole
    seconds, rounded up."""
    delay = duration_pb2.Duration()
    delay.FromJsonString(_detail(answer, "RetryInfo")["retryDelay"])
    nanos = delay.ToNanoseconds()
    assert 0 < nanos <= 60 * 10**9  # within the minute's window
    header = answer.headers["retry-after"]
    assert header.isdigit() and int(header) == -(-nanos // 10**9), (header, nanos)
    return int(header)


def test_a_caller_over_its_quota_gets_a_429_with_retry_after(web: httpx.Client) -> None:
    first = web.post("/v1/videos:analyze", json=THUMBNAIL_ONLY, headers=_as("metered"))
    assert first.status_code == 200, first.text
    assert "retry-after" not in first.headers

    again = web.post("/v1/videos:analyze", json=THUMBNAIL_ONLY, headers=_as("metered"))
    error = _refused(again, 429, "QUOTA_EXCEEDED")
    assert error["status"] == "RESOURCE_EXHAUSTED"
    (violation,) = _detail(again, "QuotaFailure")["violations"]
    assert violation["subject"] == "caller:metered"
    assert "analyses_per_minute" in violation["description"]
    assert 1 <= _retry_after(again) <= 60

    # The stream is refused before its first result, so it answers the same way.
    query = {"video.bundle": "en-sourdough", "tasks": "TASK_THUMBNAIL"}
    with web.stream(
        "GET", "/v1/videos:analyzeStream", params=query, headers=_as("metered")
    ) as streamed:
        streamed.read()
    _refused(streamed, 429, "QUOTA_EXCEEDED")
    assert 1 <= _retry_after(streamed) <= 60


def test_usage_over_http_is_the_callers_own_record(
    web: httpx.Client, gateway: gateway_pb2_grpc.GatewayServiceStub
) -> None:
    analysed = web.post("/v1/videos:analyze", json=THUMBNAIL_ONLY, headers=_as("reader"))
    assert analysed.status_code == 200, analysed.text

    usage = web.get("/v1/usage", headers=_as("reader"))
    assert usage.status_code == 200, usage.text
    (record,) = usage.json()["records"]
    # int64 counters are strings in the proto3 JSON mapping.
    assert (record["caller"], record["analyses"], record["tasks"]) == ("reader", "1", "1")
    same = gateway.GetUsage(usage_pb2.GetUsageRequest(), timeout=30, metadata=_grpc_as("reader"))
    assert usage.json() == json_format.MessageToDict(same)

    nosy = web.get("/v1/usage", params={"caller": "busy"}, headers=_as("reader"))
    _refused(nosy, 403, "USAGE_NOT_OWN")
    _refused(web.get("/v1/usage"), 401, "CREDENTIALS_MISSING")
