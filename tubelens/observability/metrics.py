"""Prometheus metrics of one server process, served on a port of their own (never the gRPC one).

Names follow Prometheus conventions (`tubelens_` prefix, base units, `_total` counters) and
every label takes a bounded set of values: the server, an RPC method, a status code name, a
model, an upstream endpoint, an outcome. Nothing per request (ids, videos, callers) becomes a
label. DEPLOY.md ("Metrics") lists them. Work in the worker processes is measured here, in the
server process, around the hand-over: the workers record nothing.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram, start_http_server

from tubelens.logs import get_logger

log = get_logger("tubelens.metrics")

# Calls run from milliseconds (health, cache hits) to minutes (a long video on Gemini).
_CALL_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120, 300)

RPC_SECONDS = Histogram(
    "tubelens_rpc_duration_seconds",
    "Time from a call's arrival to its answer, by method and gRPC status code.",
    ["service", "method", "code"],
    buckets=_CALL_BUCKETS,
)
RPC_IN_FLIGHT = Gauge("tubelens_rpc_in_flight", "Calls this server is working on now.", ["service"])
QUEUE_LENGTH = Gauge(
    "tubelens_queue_length",
    "Work waiting for its turn: `workers` (a service's worker pool) or `analyses` (the "
    "gateway's admission).",
    ["service", "queue"],
)
UPSTREAM_REQUESTS = Counter(
    "tubelens_upstream_requests_total",
    "HTTP requests to Gemini (endpoint = model) and YouTube (endpoint = API method), by "
    "outcome: the HTTP status, or the transport error's class.",
    ["service", "upstream", "endpoint", "outcome"],
)
UPSTREAM_RETRIES = Counter(
    "tubelens_upstream_retries_total",
    "Requests sent again after a failed try (each also counts in upstream_requests_total).",
    ["service", "upstream", "endpoint"],
)
GEMINI_TOKENS = Counter(
    "tubelens_gemini_tokens_total",
    "Tokens Gemini reported, by model and kind (input, output, thinking, cached).",
    ["service", "model", "kind"],
)
GEMINI_COST = Counter(
    "tubelens_gemini_cost_usd_total",
    "Estimated cost of Gemini's answers in US dollars, at the configured prices.",
    ["service", "model"],
)
YOUTUBE_UNITS = Counter(
    "tubelens_youtube_quota_units_total",
    "YouTube Data API quota units spent, by API method.",
    ["service", "endpoint"],
)
CACHE_LOOKUPS = Counter(
    "tubelens_cache_lookups_total",
    "Look-ups of the result cache (one per task asked for) and the YouTube input cache, by "
    "outcome (hit, miss).",
    ["service", "cache", "outcome"],
)
VIDEO_SCAN_SECONDS = Histogram(
    "tubelens_video_scan_seconds",
    "Time the video service took to scan a video file for shots and key frames, by outcome.",
    ["service", "outcome"],
    buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120),
)


class _Server:
    name = ""  # the server these metrics describe (set by start_metrics)


_SERVER = _Server()


def server_name() -> str:
    return _SERVER.name


def name_server(service: str) -> None:
    """Names the server every metric of this process describes (its `service` label)."""
    _SERVER.name = service
    RPC_IN_FLIGHT.labels(service)  # present (at 0) before the first call


def start_metrics(host: str, port: int) -> bool:
    """Serves /metrics on host:port in a background thread (0: no endpoint). A port that
    cannot be bound is logged and skipped: the server still answers its calls."""
    if port == 0:
        return False
    try:
        start_http_server(port, addr=host)
    except OSError as exc:
        log.error("metrics_unavailable", address=f"{host}:{port}", error=str(exc))
        return False
    log.info("metrics_started", address=f"{host}:{port}")
    return True


def record_rpc(method: str, code: str, seconds: float) -> None:
    RPC_SECONDS.labels(_SERVER.name, method, code).observe(seconds)


def rpc_started() -> None:
    RPC_IN_FLIGHT.labels(_SERVER.name).inc()


def rpc_ended() -> None:
    RPC_IN_FLIGHT.labels(_SERVER.name).dec()


def set_queue_length(queue: str, length: int) -> None:
    QUEUE_LENGTH.labels(_SERVER.name, queue).set(length)


def record_upstream(upstream: str, endpoint: str, outcome: str, retried: bool = False) -> None:
    UPSTREAM_REQUESTS.labels(_SERVER.name, upstream, endpoint, outcome).inc()
    if retried:
        UPSTREAM_RETRIES.labels(_SERVER.name, upstream, endpoint).inc()


def record_gemini_usage(model: str, tokens: dict[str, int], cost_usd: float) -> None:
    for kind, count in tokens.items():
        if count:
            GEMINI_TOKENS.labels(_SERVER.name, model, kind).inc(count)
    if cost_usd:
        GEMINI_COST.labels(_SERVER.name, model).inc(cost_usd)


def record_youtube_units(endpoint: str, units: int) -> None:
    YOUTUBE_UNITS.labels(_SERVER.name, endpoint).inc(units)


def record_cache(cache: str, hits: int, misses: int) -> None:
    if hits:
        CACHE_LOOKUPS.labels(_SERVER.name, cache, "hit").inc(hits)
    if misses:
        CACHE_LOOKUPS.labels(_SERVER.name, cache, "miss").inc(misses)


def record_video_scan(outcome: str, seconds: float) -> None:
    VIDEO_SCAN_SECONDS.labels(_SERVER.name, outcome).observe(seconds)
