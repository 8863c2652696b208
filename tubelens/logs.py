"""Structured logs: JSON lines on stderr, with the request id bound per call.

The gateway makes (or accepts) an `x-request-id` and passes it on in metadata; every server binds
it with structlog's contextvars, so all log lines of one analysis share it.
"""

from __future__ import annotations

import logging
import sys

import structlog

REQUEST_ID_HEADER = "x-request-id"


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    renderer = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
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
