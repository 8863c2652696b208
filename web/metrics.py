"""Prometheus metrics of the web front: requests by API method (or page) and HTTP status, their
duration (a stream's until it ends) and the requests in flight, on a port of their own."""

from __future__ import annotations

import time

from prometheus_client import Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ROUTE_KEY = "tubelens.route"  # set in the request scope by the API: the gRPC method's name

REQUESTS = Counter(
    "tubelens_http_requests",
    "HTTP requests answered by the web front, by API method (or page) and status.",
    ["route", "status"],
)
SECONDS = Histogram(
    "tubelens_http_request_seconds",
    "Time from a request's arrival to the end of its answer (a stream's last event).",
    ["route"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
)
IN_FLIGHT = Gauge("tubelens_http_in_flight", "HTTP requests being answered now.")


def route_of(scope: Scope) -> str:
    """A label of few values: the API method, else what kind of page was asked for."""
    if ROUTE_KEY in scope:
        return scope[ROUTE_KEY]
    path = scope.get("path", "")
    if path.startswith("/v1/"):
        return "unmatched"
    if path in ("/healthz", "/openapi.json"):
        return path.lstrip("/")
    return "static"


class RequestMetrics:
    """ASGI middleware recording every HTTP request (not the lifespan or websockets)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500  # unless a response starts

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, sending)
        finally:
            IN_FLIGHT.dec()
            route = route_of(scope)
            REQUESTS.labels(route, str(status)).inc()
            SECONDS.labels(route).observe(time.perf_counter() - started)
