"""HTTP <-> protobuf: requests from path, query and JSON body (the proto3 JSON mapping, as
json_format reads it), and gRPC statuses as Google APIs send errors over HTTP:
`{"error": {"code": <HTTP status>, "message", "status": "<gRPC code name>", "details": [...]}}`,
with a `Retry-After` header when a 429 or 503 says how long to wait (its RetryInfo detail).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import grpc
from google.protobuf import duration_pb2, json_format, message_factory
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2  # noqa: F401 - details must be known

from tubelens.v1 import common_pb2  # noqa: F401 - TokenUsage details must be known
from web.routes import Route

# google.rpc.Code -> HTTP status, as Google APIs map them (google/rpc/code.proto).
HTTP_STATUS = {
    "OK": 200, "CANCELLED": 499, "UNKNOWN": 500, "INVALID_ARGUMENT": 400,
    "DEADLINE_EXCEEDED": 504, "NOT_FOUND": 404, "ALREADY_EXISTS": 409,
    "PERMISSION_DENIED": 403, "UNAUTHENTICATED": 401, "RESOURCE_EXHAUSTED": 429,
    "FAILED_PRECONDITION": 400, "ABORTED": 409, "OUT_OF_RANGE": 400, "UNIMPLEMENTED": 501,
    "INTERNAL": 500, "UNAVAILABLE": 503, "DATA_LOSS": 500,
}  # fmt: skip
_DETAILS_KEY = "grpc-status-details-bin"
# The statuses whose Retry-After RFC 9110 and RFC 6585 define (a redirect's is not ours to send).
_RETRY_AFTER_STATUSES = (429, 503)
_RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo"


class BadRequest(ValueError):
    """The HTTP request does not make a valid gRPC request; the message says why."""


def build_request(
    route: Route, path_fields: dict[str, str], query: Iterable[tuple[str, str]], body: bytes
) -> Message:
    request = message_factory.GetMessageClass(route.method.input_type)()
    try:
        if route.body == "*":
            json_format.Parse(body or b"{}", request)
        elif route.body:
            json_format.Parse(body or b"{}", getattr(request, route.body))
        for path, value in path_fields.items():
            _set(request, path, value)
        if route.body != "*":
            for path, value in query:
                _set(request, path, value)
    except (json_format.ParseError, ValueError, KeyError, AttributeError) as exc:
        raise BadRequest(
            f"The request does not fit {route.method.input_type.name}: {exc}"
        ) from None
    return request


def _set(message: Message, path: str, value: str) -> None:
    *parents, last = path.split(".")
    for name in parents:
        message = getattr(message, _field(message, name).name)
    field = _field(message, last)
    converted = _scalar(field, value)
    if field.is_repeated:
        getattr(message, field.name).append(converted)
    else:
        setattr(message, field.name, converted)


def _field(message: Message, name: str) -> FieldDescriptor:
    descriptor = message.DESCRIPTOR
    field = descriptor.fields_by_name.get(name) or descriptor.fields_by_camelcase_name.get(name)
    if field is None:
        raise KeyError(f"no field {name!r} in {descriptor.name}")
    return field


def _scalar(field: FieldDescriptor, value: str) -> Any:
    kind = field.type
    if kind == FieldDescriptor.TYPE_ENUM:
        known = field.enum_type.values_by_name.get(value)
        return known.number if known is not None else int(value)
    if kind == FieldDescriptor.TYPE_BOOL:
        if value not in ("true", "false"):
            raise ValueError(f"{field.name} must be true or false")
        return value == "true"
    if kind in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
        return float(value)
    if kind == FieldDescriptor.TYPE_STRING:
        return value
    if kind == FieldDescriptor.TYPE_MESSAGE:
        raise ValueError(f"{field.name} is a message: name one of its fields (a.b=...)")
    return int(value)


def to_json(message: Message) -> dict[str, Any]:
    return json_format.MessageToDict(message)


def error_of(error: grpc.aio.AioRpcError) -> tuple[int, dict[str, Any]]:
    """The HTTP status and the Google-style error body for a gRPC error."""
    status = status_pb2.Status(code=error.code().value[0], message=error.details() or "")
    for key, value in error.trailing_metadata() or ():
        if key == _DETAILS_KEY and isinstance(value, bytes):
            status = status_pb2.Status.FromString(value)
    return error_body(error.code().name, status.message, status.details)


def error_body(
    code_name: str, message: str, details: Iterable[Any] = ()
) -> tuple[int, dict[str, Any]]:
    http = HTTP_STATUS.get(code_name, 500)
    body = {"code": http, "message": message, "status": code_name}
    rendered = [json_format.MessageToDict(detail) for detail in details]
    if rendered:
        body["details"] = rendered
    return http, {"error": body}


def error_headers(http_status: int, body: dict[str, Any]) -> dict[str, str]:
    """The HTTP headers of an error body: `Retry-After` in whole seconds, rounded up (sooner
    would be refused again), from the RetryInfo detail of a 429 or 503, for HTTP clients and
    proxies that back off on the header and never read the details."""
    if http_status not in _RETRY_AFTER_STATUSES:
        return {}
    for detail in body.get("error", {}).get("details", ()):
        if detail.get("@type") == _RETRY_INFO and "retryDelay" in detail:
            delay = duration_pb2.Duration()
            delay.FromJsonString(detail["retryDelay"])  # json_format wrote it
            seconds = -(-max(delay.ToNanoseconds(), 0) // 1_000_000_000)  # exact, rounded up
            return {"Retry-After": str(seconds)}
    return {}
