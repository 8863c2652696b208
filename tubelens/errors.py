"""Domain errors. Engines and resolvers raise these; one interceptor maps them to gRPC codes.

Nothing here imports gRPC: the status code is carried as its name so domain code stays pure.
"""

from __future__ import annotations

from collections.abc import Mapping


class TubeLensError(Exception):
    """A failure the caller can understand and act on.

    `message` is shown to people; `reason` is a stable UPPER_SNAKE code for programs
    (it becomes google.rpc.ErrorInfo.reason).
    """

    status_code = "INTERNAL"
    default_reason = "INTERNAL"

    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        metadata: Mapping[str, str] | None = None,
        retry_after_seconds: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason or self.default_reason
        self.metadata = dict(metadata or {})
        # When retrying later may succeed, how long to wait (it becomes google.rpc.RetryInfo).
        self.retry_after_seconds = retry_after_seconds


class InvalidInput(TubeLensError):
    """The request itself is wrong (a malformed link, an unreadable image, a bad option)."""

    status_code = "INVALID_ARGUMENT"
    default_reason = "INVALID_INPUT"


class NotFound(TubeLensError):
    """What the request names does not exist (an unknown bundle, a deleted video)."""

    status_code = "NOT_FOUND"
    default_reason = "NOT_FOUND"


class FailedPrecondition(TubeLensError):
    """The request is valid but cannot be served in the current state (no face, no comments)."""

    status_code = "FAILED_PRECONDITION"
    default_reason = "FAILED_PRECONDITION"


class ResourceExhausted(TubeLensError):
    """A quota or size limit was hit."""

    status_code = "RESOURCE_EXHAUSTED"
    default_reason = "RESOURCE_EXHAUSTED"


class Unavailable(TubeLensError):
    """A dependency is down; retrying later may help."""

    status_code = "UNAVAILABLE"
    default_reason = "UNAVAILABLE"


class DeadlineExceeded(TubeLensError):
    """A dependency did not answer in the time allowed."""

    status_code = "DEADLINE_EXCEEDED"
    default_reason = "DEADLINE_EXCEEDED"


class ModelOutputInvalid(TubeLensError):
    """A model answered, but (even after one retry) not in the shape that was asked for."""

    status_code = "INTERNAL"
    default_reason = "MODEL_OUTPUT_INVALID"
