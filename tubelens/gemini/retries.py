"""Retry policy for Gemini calls, and the mapping of what is left over to domain errors.

Retried: 408, 429 and 5xx answers and dropped connections, with exponential backoff and jitter,
waiting at least what the server's Retry-After asks. Never retried: 400 and other 4xx.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
import tenacity
from google.genai import errors as genai_errors

from tubelens.errors import (
    FailedPrecondition,
    InvalidInput,
    ResourceExhausted,
    TubeLensError,
    Unavailable,
)

RETRYABLE_CODES = frozenset({408, 429})


class RetryAfterTooLong(Exception):
    """The server asked for a longer pause than we are willing to wait."""

    def __init__(self, error: genai_errors.APIError, seconds: float) -> None:
        super().__init__(str(error))
        self.error = error
        self.seconds = seconds


def is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, genai_errors.APIError):
        return exc.code in RETRYABLE_CODES or 500 <= exc.code < 600
    return isinstance(exc, httpx.TransportError)


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


def retrying(attempts: int, initial: float, maximum: float) -> tenacity.AsyncRetrying:
    return tenacity.AsyncRetrying(
        stop=tenacity.stop_after_attempt(attempts),
        retry=tenacity.retry_if_exception(is_retryable),
        wait=WaitHonouringRetryAfter(initial, maximum),
        reraise=True,
    )


def domain_error(exc: BaseException, model: str) -> TubeLensError:
    """What a caller is told when a Gemini call finally failed."""
    if isinstance(exc, RetryAfterTooLong):
        return ResourceExhausted(
            f"Gemini ({model}) is rate limited and asks to wait {exc.seconds:.0f} s; "
            "try again later.",
            reason="GEMINI_RATE_LIMITED",
            metadata={"retry_after_seconds": f"{exc.seconds:.0f}", "model": model},
        )
    if isinstance(exc, httpx.TransportError):
        message = f"Gemini ({model}) could not be reached: {exc!r}"
        return Unavailable(message, reason="GEMINI_UNAVAILABLE")
    if not isinstance(exc, genai_errors.APIError):
        raise exc
    said = exc.message or exc.status or "no message"
    meta = {"model": model, "http_status": str(exc.code)}
    if exc.code == 429:
        return ResourceExhausted(
            f"Gemini ({model}) quota or rate limit exhausted after retries: {said}",
            reason="GEMINI_RATE_LIMITED",
            metadata=meta,
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
    return InvalidInput(
        f"Gemini rejected the request: {said}", reason="GEMINI_REJECTED_REQUEST", metadata=meta
    )
