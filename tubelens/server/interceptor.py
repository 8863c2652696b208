"""One interceptor for every server: request id, deadline, access log, domain errors -> status.

Every answer, OK or not, carries the request id in its trailing metadata (`x-request-id`), and
every error tells clients' retry policies not to re-send it (tubelens.server.status.NO_RETRY).

Every call that ends leaves exactly one `rpc_done` line with its code, however it ends: OK, a
domain error, an unexpected failure (INTERNAL, with the traceback), or the caller leaving
(CANCELLED, or DEADLINE_EXCEEDED when its deadline passed).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import grpc
import structlog

from tubelens.calls import enter_call, leave_call
from tubelens.errors import DeadlineExceeded, TubeLensError
from tubelens.logs import REQUEST_ID_HEADER, get_logger
from tubelens.observability import metrics
from tubelens.observability.tracing import set_attributes
from tubelens.server.held_requests import HeldRequests
from tubelens.server.status import (
    abort_with,
    request_id_trailer,
    rpc_status_of,
    status_from_error,
)

log = get_logger("tubelens.rpc")
_UNWRAPPED = ("/grpc.health.v1.Health/", "/grpc.reflection.")
# Decides whether a call may go on (the gateway's access gate): given the method, the call's
# metadata and its TLS auth context, it returns, or raises a domain error (UNAUTHENTICATED...).
CallGate = Callable[[str, Any, Any], Awaitable[object]]


class ServiceInterceptor(grpc.aio.ServerInterceptor):
    def __init__(
        self,
        held_requests: HeldRequests | None = None,
        max_call_seconds: float | None = None,
        gate: CallGate | None = None,
    ) -> None:
        self._held = held_requests or HeldRequests(0)
        self._max_call = max_call_seconds  # None: calls are bounded by their deadline only
        self._gate = gate

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or method.startswith(_UNWRAPPED):
            return handler
        request_id = _request_id(handler_call_details.invocation_metadata)
        codecs = {
            "request_deserializer": handler.request_deserializer,
            "response_serializer": handler.response_serializer,
        }
        if handler.unary_unary:
            behavior = self._wrap_unary(handler.unary_unary, method, request_id)
            return grpc.unary_unary_rpc_method_handler(behavior, **codecs)
        if handler.stream_unary:
            behavior = self._wrap_unary(handler.stream_unary, method, request_id)
            return grpc.stream_unary_rpc_method_handler(behavior, **codecs)
        if handler.unary_stream:
            behavior = self._wrap_stream(handler.unary_stream, method, request_id)
            return grpc.unary_stream_rpc_method_handler(behavior, **codecs)
        return handler  # no bidirectional methods in this API

    def _wrap_unary(self, behavior: Callable, method: str, request_id: str) -> Callable:
        """For unary and client-streaming calls: one request (or request iterator), one
        response. A stream's size is not known up front; its service bounds it as it reads."""

        async def wrapped(request: Any, context: grpc.aio.ServicerContext) -> Any:
            size = request.ByteSize() if hasattr(request, "ByteSize") else 0
            with _call_scope(context, method, request_id, self._max_call) as started:
                limit = asyncio.timeout(self._max_call)
                try:
                    await self._admit(method, context)
                    with self._holding(size):
                        async with limit:
                            response = await behavior(request, context)
                except Exception as exc:  # noqa: BLE001 - every failure becomes a status here
                    await _abort(
                        context, _too_long(self._max_call) if limit.expired() else exc, started
                    )
                context.set_trailing_metadata(request_id_trailer())
                _done(method, "OK", started)
                return response

        return wrapped

    def _wrap_stream(self, behavior: Callable, method: str, request_id: str) -> Callable:
        async def wrapped(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
            with _call_scope(context, method, request_id, self._max_call) as started:
                try:
                    await self._admit(method, context)
                    with self._holding(request.ByteSize()):
                        # aclosing: when the call ends early, the servicer's generator is closed
                        # at once, so its cleanup (cancelling downstream calls) runs now.
                        async with contextlib.aclosing(behavior(request, context)) as responses:
                            async for response in responses:
                                yield response
                except Exception as exc:  # noqa: BLE001 - every failure becomes a status here
                    await _abort(context, exc, started)
                context.set_trailing_metadata(request_id_trailer())
                _done(method, "OK", started)

        return wrapped

    async def _admit(self, method: str, context: grpc.aio.ServicerContext) -> None:
        if self._gate is not None:
            await self._gate(method, context.invocation_metadata(), context.auth_context())

    @contextlib.contextmanager
    def _holding(self, size: int) -> Iterator[None]:
        self._held.take(size)  # refused before the servicer converts anything
        try:
            yield
        finally:
            self._held.give_back(size)


def _request_id(metadata: Any) -> str:
    for key, value in metadata or ():
        if key == REQUEST_ID_HEADER and value:
            return str(value)[:64]
    return uuid.uuid4().hex


@contextlib.contextmanager
def _call_scope(
    context: grpc.aio.ServicerContext, method: str, request_id: str, max_call: float | None
) -> Any:
    """Binds the request id, publishes the deadline (tubelens.calls; no later than `max_call`
    from now), and logs a call the caller abandoned."""
    structlog.contextvars.bind_contextvars(request_id=request_id, method=method)
    set_attributes(request_id=request_id)  # a trace leads to the id callers quote, and back
    remaining = context.time_remaining()
    if max_call is not None:
        remaining = max_call if remaining is None else min(remaining, max_call)
    token = enter_call(remaining)
    started = time.perf_counter()
    metrics.rpc_started()
    try:
        yield started
    except (asyncio.CancelledError, GeneratorExit):
        left = context.time_remaining()
        # gRPC cancels a call at its deadline give or take a timer tick.
        code = "DEADLINE_EXCEEDED" if left is not None and left < 0.05 else "CANCELLED"
        _done(method, code, started, why="caller gone")
        raise
    finally:
        metrics.rpc_ended()
        leave_call(token)


async def _abort(context: grpc.aio.ServicerContext, exc: Exception, started: float) -> None:
    method = str(structlog.contextvars.get_contextvars().get("method", ""))
    if isinstance(exc, grpc.aio.AbortError):  # the servicer already chose the status
        _done(method, getattr(context.code(), "name", "UNKNOWN"), started)
        raise exc
    if isinstance(exc, TubeLensError):
        status = status_from_error(exc)
        _done(method, exc.status_code, started, reason=exc.reason)
    else:
        request_id = structlog.contextvars.get_contextvars().get("request_id", "")
        metrics.record_rpc(method, "INTERNAL", time.perf_counter() - started)
        log.exception("rpc_done", code="INTERNAL", ms=_ms(started))
        status = rpc_status_of(
            grpc.StatusCode.INTERNAL,
            f"Internal error; the team can trace it with request id {request_id}.",
            reason="INTERNAL",
        )
    await abort_with(context, status)


def _too_long(max_call: float | None) -> DeadlineExceeded:
    return DeadlineExceeded(
        f"The call ran longer than this server allows ({max_call:.0f} s, "
        "TUBELENS_MAX_CALL_SECONDS); split the work or ask the operators to raise it.",
        reason="CALL_TOO_LONG",
    )


def _done(method: str, code: str, started: float, **fields: str) -> None:
    """The call's one access-log line and its latency observation."""
    seconds = time.perf_counter() - started
    metrics.record_rpc(method, code, seconds)
    log.info("rpc_done", code=code, ms=round(seconds * 1000), **fields)


def _ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
