"""The HTTP/JSON API (python -m web) in front of the real stack: the same answers as gRPC in the
proto3 JSON mapping, Google-style error bodies, server-sent events, and a client that closes its
event stream cancelling the analysis behind it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import grpc
import httpx
import pytest
from google.protobuf import json_format

from tubelens.cli.stack import Stack
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

pytestmark = pytest.mark.integration


def _comparable(answer: dict) -> list[dict]:
    """The task results without what differs from one run to the next."""
    results = []
    for result in answer["results"]:
        result = dict(result)
        result.pop("latency", None)
        provenance = dict(result.get("provenance", {}))
        provenance.pop("computedAt", None)
        result["provenance"] = provenance
        results.append(result)
    return results


def test_analyze_over_http_answers_what_grpc_answers(web: httpx.Client, stack: Stack) -> None:
    body = {"video": {"bundle": "en-sourdough"}, "tasks": ["TASK_COMMENTS", "TASK_THUMBNAIL"]}
    answer = web.post("/v1/videos:analyze", json=body)
    assert answer.status_code == 200, answer.text
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        reply = gateway_pb2_grpc.GatewayServiceStub(channel).Analyze(
            json_format.ParseDict(body, gateway_pb2.AnalyzeRequest()), timeout=60
        )
    expected = json_format.MessageToDict(reply)
    assert _comparable(answer.json()) == _comparable(expected)
    assert answer.json()["video"]["title"] == expected["video"]["title"]
    assert answer.json()["results"][0]["task"] == "TASK_COMMENTS"  # enums by name


@pytest.mark.parametrize(
    ("request_body", "status", "reason"),
    [
        ({"video": {"bundle": "no-such-bundle"}}, 404, "BUNDLE_NOT_FOUND"),
        ({"video": {"url": "https://example.com/watch?v=x"}}, 400, "INVALID_VIDEO_LINK"),
    ],
)
def test_errors_come_back_as_google_api_error_bodies(web, request_body, status, reason) -> None:
    answer = web.post("/v1/videos:analyze", json=request_body)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert error["code"] == status and error["message"]
    info = next(d for d in error["details"] if d["@type"].endswith("google.rpc.ErrorInfo"))
    assert info["reason"] == reason and info["domain"] == "tubelens"


def test_a_request_that_does_not_fit_the_contract_is_a_400(web) -> None:
    answer = web.post("/v1/videos:analyze", json={"video": {"bundel": "en-sourdough"}})
    assert answer.status_code == 400
    assert answer.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert "bundel" in answer.json()["error"]["message"]
    assert web.get("/v1/nothing-here").status_code == 404


def _events(response: httpx.Response) -> Iterator[tuple[str, dict]]:
    kind = ""
    for line in response.iter_lines():
        if line.startswith("event: "):
            kind = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield kind, json.loads(line.removeprefix("data: "))


def test_the_stream_sends_each_task_as_an_event_then_completed(web) -> None:
    query = {"video.bundle": "ko-homecafe"}
    with web.stream("GET", "/v1/videos:analyzeStream", params=query) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = list(_events(response))
    kinds = [kind for kind, _ in events]
    assert sorted(kinds[:3]) == ["taskResult"] * 3 and kinds[3:] == ["completed"]
    assert {data["task"] for _, data in events[:3]} == {
        "TASK_SUMMARY",
        "TASK_COMMENTS",
        "TASK_THUMBNAIL",
    }
    assert events[3][1]["succeededTasks"] == 3


def test_closing_the_event_stream_cancels_the_analysis(web, stack: Stack) -> None:
    log = stack.log_dir / "gateway.log"
    before = log.read_text(encoding="utf-8").count('"code": "CANCELLED"')
    query = {"video.bundle": "en-sourdough", "options.fresh": "true"}
    with web.stream("GET", "/v1/videos:analyzeStream", params=query) as response:
        first = next(_events(response))  # one task done, the others still running
        assert first[0] == "taskResult"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = [
            json.loads(line)
            for line in log.read_text(encoding="utf-8").splitlines()
            if line.startswith("{") and '"rpc_done"' in line
        ]
        cancelled = [
            line for line in lines
            if line.get("code") == "CANCELLED" and line.get("method", "").endswith("AnalyzeStream")
        ]  # fmt: skip
        if len(cancelled) > before:
            return
        time.sleep(0.2)
    pytest.fail("the gateway never logged the streamed analysis as CANCELLED")


def test_the_page_and_the_openapi_description_are_served(web) -> None:
    page = web.get("/")
    assert page.status_code == 200 and "<title>TubeLens</title>" in page.text
    assert "http://" not in page.text.replace("http://www.w3.org", "")  # nothing from elsewhere
    for asset in ("/app.js", "/i18n.js", "/style.css"):
        assert web.get(asset).status_code == 200
    description = web.get("/openapi.json").json()
    assert description["openapi"].startswith("3.")
    assert "post" in description["paths"]["/v1/videos:analyze"]


def test_the_bundles_on_offer_are_listed_alike_over_http_and_grpc(web, stack: Stack) -> None:
    answer = web.get("/v1/bundles")
    assert answer.status_code == 200, answer.text
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        reply = gateway_pb2_grpc.GatewayServiceStub(channel).ListBundles(
            gateway_pb2.ListBundlesRequest(), timeout=30
        )
    assert answer.json() == json_format.MessageToDict(reply)
    names = [bundle["name"] for bundle in answer.json()["bundles"]]
    assert {"en-sourdough", "ko-homecafe"} <= set(names)
