"""One interceptor for every server: request id, access log, and domain errors -> gRPC status."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
import structlog

from tubelens.errors import TubeLensError
from tubelens.logs import REQUEST_ID_HEADER, get_logger
from tubelens.server.status import abort_with, rpc_status_of, status_from_error

log = get_logger("tubelens.rpc")
_UNWRAPPED = ("/grpc.health.v1.Health/", "/grpc.reflection.")


class ServiceInterceptor(grpc.aio.ServerInterceptor):
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
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                _wrap_unary(handler.unary_unary, method, request_id),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                _wrap_stream(handler.unary_stream, method, request_id),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler  # no client-streaming methods in this API


def _request_id(metadata: Any) -> str:
    for key, value in metadata or ():
        if key == REQUEST_ID_HEADER and value:
            return str(value)[:64]
    return uuid.uuid4().hex


def _wrap_unary(behavior: Callable, method: str, request_id: str) -> Callable:
    async def wrapped(request: Any, context: grpc.aio.ServicerContext) -> Any:
        structlog.contextvars.bind_contextvars(request_id=request_id, method=method)
        started = time.perf_counter()
        try:
            response = await behavior(request, context)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a status here
            await _abort(context, exc, started)
        log.info("rpc_done", code="OK", ms=_ms(started))
        return response

    return wrapped


def _wrap_stream(behavior: Callable, method: str, request_id: str) -> Callable:
    async def wrapped(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
        structlog.contextvars.bind_contextvars(request_id=request_id, method=method)
        started = time.perf_counter()
        try:
            # aclosing: when the call ends early, the servicer's generator is closed at once,
            # so its cleanup (cancelling downstream calls) runs now rather than at GC time.
            async with contextlib.aclosing(behavior(request, context)) as responses:
                async for response in responses:
                    yield response
        except Exception as exc:  # noqa: BLE001 - every failure becomes a status here
            await _abort(context, exc, started)
        log.info("rpc_done", code="OK", ms=_ms(started))

    return wrapped


async def _abort(context: grpc.aio.ServicerContext, exc: Exception, started: float) -> None:
    if isinstance(exc, grpc.aio.AbortError):
        raise exc  # the servicer already chose a status
    if isinstance(exc, TubeLensError):
        status = status_from_error(exc)
        log.info("rpc_done", code=exc.status_code, reason=exc.reason, ms=_ms(started))
    else:
        request_id = structlog.contextvars.get_contextvars().get("request_id", "")
        log.exception("rpc_failed", ms=_ms(started))
        status = rpc_status_of(
            grpc.StatusCode.INTERNAL,
            f"Internal error; the team can trace it with request id {request_id}.",
            reason="INTERNAL",
        )
    await abort_with(context, status)


def _ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
