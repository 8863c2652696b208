"""Retry policy for Gemini calls, and the mapping of what is left over to domain errors.

Retried: 408, 429 and 5xx answers and dropped connections, with exponential backoff and jitter,
waiting at least what the server's Retry-After asks. Never retried: 400 and other 4xx.

What the caller is told once the retry budget is spent (AIP-193/194):
- 5xx, 408 or no connection: UNAVAILABLE, GEMINI_UNAVAILABLE (retryable: the outage may pass).
- 429: RESOURCE_EXHAUSTED, GEMINI_RATE_LIMITED, with retry_after_seconds (RetryInfo) set from
  Retry-After or our longest back-off, so clients know when to come back.
- 400: INTERNAL, GEMINI_REJECTED_REQUEST: the caller's request was fine, ours to Gemini was not.
- 401/403 and 404: FAILED_PRECONDITION (credentials / model name are deployment state).
Messages name the model, never a host, port or URL.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
import tenacity
from google.genai import errors as genai_errors

from tubelens.errors import (
    FailedPrecondition,
    ResourceExhausted,
    TubeLensError,
    Unavailable,
    UpstreamRejected,
)

RETRYABLE_CODES = frozenset({408, 429})


def _transport_errors() -> tuple[type[BaseException], ...]:
    """Dropped connections as the SDK raises them: google-genai uses httpx2 (a fork whose
    classes do not subclass httpx's) when it is installed, httpx otherwise."""
    errors: list[type[BaseException]] = [httpx.TransportError]
    try:
        import httpx2
    except ImportError:
        return tuple(errors)
    errors.append(httpx2.TransportError)
    return tuple(errors)


TRANSPORT_ERRORS = _transport_errors()


class RetryAfterTooLong(Exception):
    """The server asked for a longer pause than we are willing to wait."""

    def __init__(self, error: genai_errors.APIError, seconds: float) -> None:
        super().__init__(str(error))
        self.error = error
        self.seconds = seconds


def is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, genai_errors.APIError):
        return exc.code in RETRYABLE_CODES or 500 <= exc.code < 600
    return isinstance(exc, TRANSPORT_ERRORS)


def retry_after_seconds(exc: BaseException) -> float | None:
    """The Retry-After of an HTTP error answer (delta seconds or HTTP date), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


class WaitHonouringRetryAfter(tenacity.wait.wait_base):
    """Exponential backoff with jitter, but never shorter than the server's Retry-After."""

    def __init__(self, initial: float, maximum: float) -> None:
        self.backoff = tenacity.wait_exponential_jitter(
            initial=initial, max=maximum, jitter=initial
        )
        self.maximum = maximum

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        backoff = self.backoff(retry_state)
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        asked = retry_after_seconds(exc) if exc is not None else None
        if asked is None:
            return backoff
        if asked > self.maximum:
            raise RetryAfterTooLong(exc, asked)  # type: ignore[arg-type]
        return max(backoff, asked)


def backoff_seconds(exc: BaseException, attempt: int, initial: float, maximum: float) -> float:
    """The pause after failed try number `attempt` (1-based): exponential with jitter, capped
    at `maximum`, never shorter than the server's Retry-After; RetryAfterTooLong past `maximum`.
    """
    backoff = min(maximum, initial * 2 ** (attempt - 1) + random.uniform(0, initial))
    asked = retry_after_seconds(exc)
    if asked is None:
        return backoff
    if asked > maximum:
        raise RetryAfterTooLong(exc, asked)  # type: ignore[arg-type]
    return max(backoff, asked)


def error_kind(exc: BaseException) -> str:
    """A short log label for a failed try: the HTTP status, or the transport error's class."""
    if isinstance(exc, genai_errors.APIError):
        return str(exc.code)
    return type(exc).__name__


def retrying(attempts: int, initial: float, maximum: float) -> tenacity.AsyncRetrying:
    return tenacity.AsyncRetrying(
        stop=tenacity.stop_after_attempt(attempts),
        retry=tenacity.retry_if_exception(is_retryable),
        wait=WaitHonouringRetryAfter(initial, maximum),
        reraise=True,
    )


def domain_error(exc: BaseException, model: str, retry_after: float = 30.0) -> TubeLensError:
    """What a caller is told when a Gemini call finally failed; `retry_after` is the pause
    suggested for a rate limit that gave no Retry-After."""
    if isinstance(exc, RetryAfterTooLong):
        return ResourceExhausted(
            f"Gemini ({model}) is rate limited and asks to wait {exc.seconds:.0f} s; "
            "try again later.",
            reason="GEMINI_RATE_LIMITED",
            metadata={"retry_after_seconds": f"{exc.seconds:.0f}", "model": model},
            retry_after_seconds=exc.seconds,
        )
    if isinstance(exc, TRANSPORT_ERRORS):
        # The exception's text can name the endpoint: only its kind goes out.
        message = f"Gemini ({model}) could not be reached ({type(exc).__name__}) after retries."
        return Unavailable(message, reason="GEMINI_UNAVAILABLE", metadata={"model": model})
    if not isinstance(exc, genai_errors.APIError):
        raise exc
    said = exc.message or exc.status or "no message"
    meta = {"model": model, "http_status": str(exc.code)}
    if exc.code == 429:
        wait = retry_after_seconds(exc)
        return ResourceExhausted(
            f"Gemini ({model}) quota or rate limit exhausted after retries: {said}",
            reason="GEMINI_RATE_LIMITED",
            metadata=meta,
            retry_after_seconds=retry_after if wait is None else wait,
        )
    if exc.code in RETRYABLE_CODES or exc.code >= 500:
        return Unavailable(
            f"Gemini ({model}) is unavailable after retries: {said}",
            reason="GEMINI_UNAVAILABLE",
            metadata=meta,
        )
    if exc.code in (401, 403):
        return FailedPrecondition(
            f"Gemini refused the credentials or access: {said}",
            reason="GEMINI_PERMISSION_DENIED",
            metadata=meta,
        )
    if exc.code == 404:
        return FailedPrecondition(
            f"Gemini does not know the model {model!r}: {said}",
            reason="GEMINI_MODEL_NOT_FOUND",
            metadata=meta,
        )
    return UpstreamRejected(
        f"Gemini ({model}) rejected the request TubeLens built (HTTP {exc.code}): {said}",
        metadata=meta,
    )
