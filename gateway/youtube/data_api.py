"""A small YouTube Data API v3 client over httpx: read-only list calls with an API key.

Every call costs quota (1 unit for videos.list, commentThreads.list and comments.list, even
when it fails), so each one is counted on the QuotaMeter the caller passes in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from gateway.youtube.errors import api_error
from tubelens.errors import Unavailable
from tubelens.observability import metrics

UNITS_PER_LIST_CALL = 1
PAGE_SIZE = 100  # the largest maxResults commentThreads.list and comments.list accept


@dataclass
class QuotaMeter:
    """Quota units spent, by the call that spent them."""

    calls: dict[str, int] = field(default_factory=dict)

    def charge(self, method: str, units: int = UNITS_PER_LIST_CALL) -> None:
        self.calls[method] = self.calls.get(method, 0) + units

    @property
    def units(self) -> int:
        return sum(self.calls.values())


class DataApi:
    """videos.list, commentThreads.list and comments.list on a fixed base URL."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, api_key: str) -> None:
        self._http = http
        self._base = base_url
        self._key = api_key

    async def list(
        self, resource: str, params: dict[str, str], meter: QuotaMeter, video_id: str
    ) -> dict[str, Any]:
        """GET {base}/{resource}; the JSON answer, or the domain error YouTube's answer means."""
        what = f"{resource}.list"
        try:
            # The key travels in a header so it never shows up in URLs, logs or error texts.
            response = await self._http.get(
                f"{self._base}/{resource}", params=params, headers={"x-goog-api-key": self._key}
            )
        except httpx.HTTPError as exc:
            metrics.record_upstream("youtube", what, type(exc).__name__)
            raise Unavailable(
                f"The YouTube Data API could not be reached for {what}: {type(exc).__name__}.",
                reason="YOUTUBE_UNAVAILABLE",
                metadata={"video_id": video_id},
            ) from exc
        meter.charge(what)
        metrics.record_upstream("youtube", what, str(response.status_code))
        metrics.record_youtube_units(what, UNITS_PER_LIST_CALL)
        body = _json(response)
        if response.status_code != 200:
            raise api_error(response.status_code, body, what, video_id)
        if not isinstance(body, dict):
            raise Unavailable(
                f"The YouTube Data API sent an unreadable answer to {what}.",
                reason="YOUTUBE_BAD_RESPONSE",
                metadata={"video_id": video_id},
            )
        return body

    async def video(self, video_id: str, meter: QuotaMeter) -> dict[str, Any] | None:
        """The video resource, or None when YouTube lists no such (public) video."""
        body = await self.list(
            "videos",
            {"part": "snippet,contentDetails,statistics", "id": video_id},
            meter,
            video_id,
        )
        items = body.get("items") or []
        return items[0] if items and isinstance(items[0], dict) else None

    async def comment_threads(
        self, video_id: str, order: str, page_token: str, meter: QuotaMeter
    ) -> dict[str, Any]:
        params = {
            "part": "snippet,replies",
            "videoId": video_id,
            "maxResults": str(PAGE_SIZE),
            "order": order,
            "textFormat": "plainText",
        }
        if page_token:
            params["pageToken"] = page_token
        return await self.list("commentThreads", params, meter, video_id)

    async def replies(
        self, video_id: str, parent_id: str, page_token: str, meter: QuotaMeter
    ) -> dict[str, Any]:
        params = {
            "part": "snippet",
            "parentId": parent_id,
            "maxResults": str(PAGE_SIZE),
            "textFormat": "plainText",
        }
        if page_token:
            params["pageToken"] = page_token
        return await self.list("comments", params, meter, video_id)


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
