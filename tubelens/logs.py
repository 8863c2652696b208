"""Structured logs: JSON lines on stderr, with the request id bound per call.

The gateway makes (or accepts) an `x-request-id` and passes it on in metadata; every server binds
it with structlog's contextvars, so all log lines of one analysis share it. Every line also
names its server (`service`) and, while tracing is on, the trace and span it was written in
(`trace_id`, `span_id`, W3C hex), so a trace leads to its log lines and back.

Field types are fixed across servers: `code` is always a gRPC status code name ("OK",
"UNAVAILABLE"), `ms` an integer of milliseconds.
"""

from __future__ import annotations

import logging
import sys

import structlog

from tubelens.observability.tracing import trace_ids

REQUEST_ID_HEADER = "x-request-id"


def configure_logging(level: str = "INFO", fmt: str = "json", service: str = "") -> None:
    renderer = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            _Stamp(service),
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)


def request_id() -> str:
    """The request id bound to the current call; empty outside one."""
    return str(structlog.contextvars.get_contextvars().get("request_id", ""))


class _Stamp:
    """Adds the server's name and the current trace and span ids to every line."""

    def __init__(self, service: str) -> None:
        self._service = service

    def __call__(self, logger: object, method: str, event: dict) -> dict:
        if self._service:
            event.setdefault("service", self._service)
        event.update(trace_ids())
        return event
