"""YouTube's error answers -> domain errors with stable reasons.

The Data API answers errors as {"error": {"code": 403, "message": ..., "errors": [{"reason":
"quotaExceeded", "domain": "youtube.quota", ...}]}}; newer answers also carry ErrorInfo details.
"""

from __future__ import annotations

import re
from typing import Any

from tubelens.errors import (
    FailedPrecondition,
    NotFound,
    ResourceExhausted,
    TubeLensError,
    Unavailable,
)

_QUOTA = {"quotaExceeded", "dailyLimitExceeded", "rateLimitExceeded", "userRateLimitExceeded"}
_NOT_FOUND = {"videoNotFound", "notFound"}
_KEY = {"keyInvalid", "keyExpired", "API_KEY_INVALID", "accessNotConfigured", "ipRefererBlocked"}


def error_reasons(body: Any) -> list[str]:
    """Every reason named in an error body, in both of Google's formats."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return []
    reasons = [e.get("reason", "") for e in error.get("errors", []) if isinstance(e, dict)]
    reasons += [d.get("reason", "") for d in error.get("details", []) if isinstance(d, dict)]
    return [reason for reason in reasons if isinstance(reason, str) and reason]


def api_error(status: int, body: Any, what: str, video_id: str) -> TubeLensError:
    """The domain error for a failed Data API call; `what` names the call for the message."""
    reasons = set(error_reasons(body))
    google = _message(body)
    detail = {"video_id": video_id, "http_status": str(status)}
    if reasons & _QUOTA or status == 429:
        return ResourceExhausted(
            f"The YouTube Data API quota of this server is used up ({what}): {google} "
            "It resets daily at midnight Pacific time; cached videos can still be analysed.",
            reason="QUOTA_EXCEEDED",
            metadata=detail,
        )
    if "commentsDisabled" in reasons:
        return FailedPrecondition(
            f"Comments are turned off for video {video_id}, so there are none to analyse.",
            reason="COMMENTS_DISABLED",
            metadata=detail,
        )
    if reasons & _NOT_FOUND or status == 404:
        return unavailable_video(video_id)
    if reasons & _KEY or status in {400, 401, 403}:
        return FailedPrecondition(
            f"YouTube refused this server's API key ({what}, HTTP {status}): {google} "
            "Check TUBELENS_YOUTUBE_API_KEY and that the YouTube Data API v3 is enabled for it.",
            reason="YOUTUBE_ACCESS_DENIED",
            metadata=detail,
        )
    return Unavailable(
        f"YouTube did not answer {what} (HTTP {status}): {google} Try again later.",
        reason="YOUTUBE_UNAVAILABLE",
        metadata=detail,
    )


def unavailable_video(video_id: str) -> NotFound:
    return NotFound(
        f"Video {video_id} is private, deleted or does not exist, so it cannot be analysed.",
        reason="VIDEO_UNAVAILABLE",
        metadata={"video_id": video_id},
    )


def _message(body: Any) -> str:
    error = body.get("error") if isinstance(body, dict) else None
    text = error.get("message", "") if isinstance(error, dict) else ""
    text = " ".join(re.sub(r"<[^>]*>", "", str(text)).split())[:300]  # Google sends HTML
    return (text if text.endswith(".") else text + ".") if text else "(no message)."
