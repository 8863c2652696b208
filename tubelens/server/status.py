"""The one mapping between domain errors and gRPC statuses (google.rpc.Status with ErrorInfo)."""

from __future__ import annotations

import grpc
import structlog
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from tubelens.errors import QuotaExceeded, TubeLensError
from tubelens.logs import REQUEST_ID_HEADER
from tubelens.v1 import common_pb2

ERROR_DOMAIN = "tubelens"
# gRFC A6 server pushback: a negative delay tells the caller's channel not to retry. Every error
# our servers answer carries it, so a client's retry policy only re-sends calls that never reached
# a server; a service that answered (having spent its own upstream retries) is never re-asked.
NO_RETRY = ("grpc-retry-pushback-ms", "-1")


def rpc_status_of(
    code: grpc.StatusCode,
    message: str,
    reason: str = "",
    metadata: dict[str, str] | None = None,
    retry_after_seconds: float | None = None,
) -> status_pb2.Status:
    """A google.rpc.Status with an ErrorInfo detail when a reason is given, and a RetryInfo
    detail when the caller should retry after a delay."""
    status = status_pb2.Status(code=code.value[0], message=message)
    if reason:
        detail = any_pb2.Any()
        detail.Pack(
            error_details_pb2.ErrorInfo(reason=reason, domain=ERROR_DOMAIN, metadata=metadata or {})
        )
        status.details.append(detail)
    if retry_after_seconds is not None:
        retry = error_details_pb2.RetryInfo()
        retry.retry_delay.FromNanoseconds(round(max(retry_after_seconds, 0.0) * 1e9))
        status.details.add().Pack(retry)
    return status


def status_from_error(error: TubeLensError) -> status_pb2.Status:
    """The status for a domain error; when the failed work was billed upstream (a model was
    called), a TokenUsage detail says what it cost, so a ledger counts failed tasks too."""
    code = grpc.StatusCode[error.status_code]
    status = rpc_status_of(
        code, error.message, error.reason, error.metadata, error.retry_after_seconds
    )
    if isinstance(error, QuotaExceeded):
        violation = error_details_pb2.QuotaFailure.Violation(
            subject=error.subject, description=error.description
        )
        status.details.add().Pack(error_details_pb2.QuotaFailure(violations=[violation]))
    to_proto = getattr(error.usage, "to_proto", None)
    if to_proto is not None:
        status.details.add().Pack(to_proto())
    return status


def token_usage_of(status: status_pb2.Status) -> common_pb2.TokenUsage | None:
    """The TokenUsage detail of an error status, when the failed work was billed."""
    for detail in status.details:
        usage = common_pb2.TokenUsage()
        if detail.Unpack(usage):
            return usage
    return None


def status_from_rpc_error(error: grpc.RpcError) -> status_pb2.Status:
    """The rich status a server sent, or a plain one built from the code and details."""
    try:
        rich = rpc_status.from_call(error)  # type: ignore[arg-type]
    except ValueError:  # the details disagree with the code: trust the code
        rich = None
    if rich is not None:
        return rich
    return status_pb2.Status(code=error.code().value[0], message=error.details() or "")


def ok_status() -> status_pb2.Status:
    return status_pb2.Status(code=code_pb2.OK)


def error_reason(status: status_pb2.Status) -> str:
    for detail in status.details:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return info.reason
    return ""


def to_grpc_status(status: status_pb2.Status) -> grpc.Status:
    """What `context.abort` needs to send the rich status (details travel in trailing metadata)."""
    return rpc_status.to_status(status)


async def abort_with(context: grpc.aio.ServicerContext, status: status_pb2.Status) -> None:
    """Ends the call with `status`, details included, with the call's request id, and telling
    retry policies not to re-send it."""
    grpc_status = to_grpc_status(status)
    metadata = (*grpc_status.trailing_metadata, NO_RETRY, *request_id_trailer())
    await context.abort(grpc_status.code, grpc_status.details, metadata)


def request_id_trailer() -> tuple[tuple[str, str], ...]:
    """The call's request id (bound by the interceptor) as trailing metadata."""
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    return ((REQUEST_ID_HEADER, request_id),) if request_id else ()


def answered_by_server(error: grpc.RpcError) -> bool:
    """True when a server of ours answered with this error (it carries our trailers), False when
    the call failed on the way (connection refused, no ready replica, reset)."""
    trailers = error.trailing_metadata() if hasattr(error, "trailing_metadata") else None
    return any(key == NO_RETRY[0] for key, _ in trailers or ())
