"""The ASGI app: the API transcoded to the gateway over gRPC, events for streamed analyses,
the OpenAPI description and the page (static files, nothing from a CDN).

Each HTTP call becomes one gRPC call with the client's deadline (X-Server-Timeout, seconds) and
its `authorization` and `x-request-id` headers; a client that goes away cancels it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import grpc
from google.longrunning import operations_pb2
from google.protobuf import message_factory
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount
from starlette.routing import Route as HttpRoute
from starlette.staticfiles import StaticFiles

from tubelens.logs import get_logger
from tubelens.server.channels import channel_options, open_channel
from tubelens.v1 import gateway_pb2
from tubelens.vision.youtube_display import BADGE_CORNER, MEDIUM_SIZE, SMALL_SIZE
from web.metrics import ROUTE_KEY, RequestMetrics
from web.routes import Route, routes_of
from web.settings import WebSettings
from web.transcode import (
    BadRequest,
    build_request,
    error_body,
    error_headers,
    error_of,
    to_json,
)

HERE = Path(__file__).resolve().parent
OPENAPI = HERE / "openapi.json"
# What the page draws around the thumbnail, in the numbers the review itself judges by.
THUMBNAIL_GEOMETRY = {
    "badgeCorner": {"x": BADGE_CORNER[0], "y": BADGE_CORNER[1]},
    "previews": [{"width": width, "height": height} for width, height in (SMALL_SIZE, MEDIUM_SIZE)],
}
_FORWARDED = ("authorization", "x-request-id")
log = get_logger("tubelens.web")
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024  # a photo card's images, a result with key frames


class Api:
    def __init__(self, channel: grpc.aio.Channel | None, settings: WebSettings) -> None:
        self._channel = channel  # None until the app starts (made in its event loop)
        self._settings = settings
        self.routes = routes_of(
            gateway_pb2.DESCRIPTOR.services_by_name["GatewayService"],
            operations_pb2.DESCRIPTOR.services_by_name["Operations"],
        )

    async def handle(self, request: Request) -> Response:
        path, verb = request.url.path, request.method
        for route in self.routes:
            fields = route.match(verb, path)
            if fields is not None:
                request.scope[ROUTE_KEY] = route.method.name
                return await self._call(route, fields, request)
        status, body = error_body("NOT_FOUND", f"No API method answers {verb} {path}.")
        return JSONResponse(body, status)

    async def _call(self, route: Route, fields: dict[str, str], request: Request) -> Response:
        body = await request.body()
        if len(body) > self._settings.max_body_mb * 1024 * 1024:
            status, error = error_body("INVALID_ARGUMENT", "The request body is too large.")
            return JSONResponse(error, 413)
        try:
            message = build_request(route, fields, request.query_params.multi_items(), body)
            timeout = self._deadline(request)
        except BadRequest as exc:
            status, error = error_body("INVALID_ARGUMENT", str(exc))
            return JSONResponse(error, status)
        metadata = tuple((k, v) for k in _FORWARDED if (v := request.headers.get(k)))
        full_name = f"/{route.method.containing_service.full_name}/{route.method.name}"
        reply = message_factory.GetMessageClass(route.method.output_type).FromString
        serialize: Callable[[Any], bytes] = type(message).SerializeToString
        if route.streaming:
            call = self._channel.unary_stream(full_name, serialize, reply)(
                message, timeout=timeout, metadata=metadata
            )
            return await _events(call, request)
        try:
            answer = await self._channel.unary_unary(full_name, serialize, reply)(
                message, timeout=timeout, metadata=metadata
            )
        except grpc.aio.AioRpcError as exc:
            return _error_response(exc)
        return JSONResponse(to_json(answer))

    def _deadline(self, request: Request) -> float:
        given = request.headers.get("x-server-timeout")
        if given is None:
            return self._settings.default_deadline_seconds
        try:
            seconds = float(given)
        except ValueError:
            raise BadRequest("X-Server-Timeout must be a number of seconds.") from None
        if not 0 < seconds <= self._settings.max_deadline_seconds:
            raise BadRequest(
                f"X-Server-Timeout must be above 0 and at most "
                f"{self._settings.max_deadline_seconds:g} seconds."
            )
        return seconds


def _error_response(exc: grpc.aio.AioRpcError) -> Response:
    """The gateway's error as Google APIs send one over HTTP, with Retry-After when it says."""
    status, error = error_of(exc)
    return JSONResponse(error, status, headers=error_headers(status, error))


async def _events(call: grpc.aio.UnaryStreamCall, request: Request) -> Response:
    """Server-sent events, once the first message (or the error) is in: an error before any
    result is an ordinary HTTP error; after, an `error` event ends the stream. A client that
    leaves while the first result is awaited cancels the call too."""
    stream = aiter(call)
    watcher = asyncio.create_task(_cancel_when_gone(request, call))
    try:
        first = await anext(stream)
    except grpc.aio.AioRpcError as exc:
        return _error_response(exc)
    except StopAsyncIteration:
        first = None
    finally:
        watcher.cancel()

    async def events() -> AsyncIterator[str]:
        try:
            message = first
            while message is not None:
                yield _event(*_part(message))
                message = await anext(stream, None)
        except grpc.aio.AioRpcError as exc:
            yield _event("error", error_of(exc)[1])
        finally:
            call.cancel()  # the client left (or the stream ended): stop the analysis

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _cancel_when_gone(request: Request, call: grpc.aio.UnaryStreamCall) -> None:
    while not await request.is_disconnected():
        await asyncio.sleep(0.25)
    call.cancel()


def _part(message: Any) -> tuple[str, dict[str, Any]]:
    """A stream message's set oneof field (its name names the event), or the whole message."""
    for oneof in message.DESCRIPTOR.oneofs:
        kind = message.WhichOneof(oneof.name)
        if kind:
            return kind, to_json(getattr(message, kind))
    return "message", to_json(message)


def _event(kind: str, data: dict[str, Any]) -> str:
    return f"event: {_camel(kind)}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def create_app(settings: WebSettings, channel: grpc.aio.Channel | None = None) -> Starlette:
    """The app; without a channel it opens one to the gateway when it starts, and closes it
    when it stops."""
    api = Api(channel, settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if channel is not None:
            yield
            return
        options = channel_options(_MAX_MESSAGE_BYTES, settings.dns_min_refresh_seconds)
        tls_files = (
            settings.gateway_tls_ca_file,
            settings.gateway_tls_cert_file,
            settings.gateway_tls_key_file,
        )
        api._channel = open_channel(settings.gateway_target, options, tls_files)
        yield
        await api._channel.close()
        log.info("web_stopped")  # after uvicorn drained the connections it had

    async def openapi(request: Request) -> Response:
        return FileResponse(OPENAPI, media_type="application/json")

    async def geometry(request: Request) -> Response:
        return JSONResponse(THUMBNAIL_GEOMETRY)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "SERVING"})

    return Starlette(
        lifespan=lifespan,
        middleware=[Middleware(RequestMetrics)],
        routes=[
            HttpRoute(
                "/v1/{rest:path}", api.handle, methods=["GET", "POST", "DELETE", "PATCH", "PUT"]
            ),
            HttpRoute("/openapi.json", openapi),
            HttpRoute("/healthz", healthz),
            HttpRoute("/thumbnail-geometry.json", geometry),
            Mount("/", StaticFiles(directory=HERE / "static", html=True)),
        ],
    )
