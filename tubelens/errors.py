"""Domain errors. Engines and resolvers raise these; one interceptor maps them to gRPC codes.

Nothing here imports gRPC: the status code is carried as its name so domain code stays pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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
        # What the failed work cost upstream (a tubelens.gemini.Usage when a model was called),
        # so a failed task still reports the tries it was billed for. Read it with
        # tubelens.gemini.usage.usage_of_error; its to_proto() becomes a TokenUsage detail of
        # the error status (tubelens.server.status).
        self.usage: Any = None


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


class QuotaExceeded(ResourceExhausted):
    """A caller spent one of its quotas; `subject` and `description` become a
    google.rpc.QuotaFailure violation (subject "caller:<name>", which quota, its limit)."""

    default_reason = "QUOTA_EXCEEDED"

    def __init__(
        self,
        message: str,
        *,
        subject: str,
        description: str,
        reason: str | None = None,
        metadata: Mapping[str, str] | None = None,
        retry_after_seconds: float | None = None,
    ) -> None:
        super().__init__(
            message, reason=reason, metadata=metadata, retry_after_seconds=retry_after_seconds
        )
        self.subject = subject
        self.description = description


class Unauthenticated(TubeLensError):
    """The call carries no credentials, or ones no caller holds."""

    status_code = "UNAUTHENTICATED"
    default_reason = "UNAUTHENTICATED"


class PermissionDenied(TubeLensError):
    """The caller is known but may not do this."""

    status_code = "PERMISSION_DENIED"
    default_reason = "PERMISSION_DENIED"


class Unavailable(TubeLensError):
    """A dependency is down; retrying later may help."""

    status_code = "UNAVAILABLE"
    default_reason = "UNAVAILABLE"


class DeadlineExceeded(TubeLensError):
    """A dependency did not answer in the time allowed."""

    status_code = "DEADLINE_EXCEEDED"
    default_reason = "DEADLINE_EXCEEDED"


class ModelOutputInvalid(TubeLensError):
    """A model answered, but (even after its retry budget) not in the shape that was asked for.

    UNAVAILABLE, not INTERNAL (AIP-194): the model's answers vary from one call to the next, so
    a client retrying later may well get a usable one; nothing in our code or the request is
    broken.
    """

    status_code = "UNAVAILABLE"
    default_reason = "MODEL_OUTPUT_INVALID"


class UpstreamRejected(TubeLensError):
    """An upstream (Gemini) rejected the request we built as malformed (HTTP 400).

    INTERNAL, never INVALID_ARGUMENT (AIP-193): the caller's own request was valid; the bad
    request is ours, and retrying it unchanged will not help.
    """

    status_code = "INTERNAL"
    default_reason = "GEMINI_REJECTED_REQUEST"
