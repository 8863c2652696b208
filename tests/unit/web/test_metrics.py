"""The web front's Prometheus metrics: every request counted under its API method (or page)
and status, so the operators see what callers ask for and how it ends."""

from __future__ import annotations

import socket

import grpc
from prometheus_client import REGISTRY
from starlette.testclient import TestClient

from web.app import create_app
from web.settings import WebSettings


def _count(route: str, status: str) -> float:
    value = REGISTRY.get_sample_value(
        "tubelens_http_requests_total", {"route": route, "status": status}
    )
    return value or 0.0


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_requests_are_counted_by_method_page_and_status() -> None:
    settings = WebSettings(gateway_target=f"127.0.0.1:{_closed_port()}")
    before = {
        key: _count(*key)
        for key in [("Analyze", "503"), ("unmatched", "404"), ("healthz", "200"), ("static", "200")]
    }
    with TestClient(create_app(settings)) as client:
        # No gateway listens: the call fails UNAVAILABLE, counted under the method it asked for.
        answer = client.post("/v1/videos:analyze", json={"video": {"bundle": "en-sourdough"}})
        assert answer.status_code == 503
        assert client.get("/v1/nothing").status_code == 404
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 200
    after = {key: _count(*key) for key in before}
    assert {key: after[key] - before[key] for key in before} == dict.fromkeys(before, 1.0)
    in_flight = REGISTRY.get_sample_value("tubelens_http_in_flight")
    assert in_flight == 0.0  # every request ended, the failed one too
    seconds = REGISTRY.get_sample_value("tubelens_http_request_seconds_count", {"route": "Analyze"})
    assert seconds is not None and seconds >= 1


def test_an_unreachable_gateway_is_a_google_style_503_body() -> None:
    settings = WebSettings(gateway_target=f"127.0.0.1:{_closed_port()}")
    with TestClient(create_app(settings)) as client:
        body = client.post("/v1/videos:analyze", json={"video": {"bundle": "x"}}).json()
    assert body["error"]["status"] == grpc.StatusCode.UNAVAILABLE.name


def test_metrics_port_follows_the_servers_rule() -> None:
    assert WebSettings().metrics_port_to_serve() == 9080
    assert WebSettings(metrics_port=0).metrics_port_to_serve() == 0
    assert WebSettings(metrics_port=9464).metrics_port_to_serve() == 9464
    # No room 1000 above: no endpoint, rather than a port number that fails the start.
    assert WebSettings(port=65000).metrics_port_to_serve() == 0
