"""The gateway's one YouTube reader: an HTTP client, the Data API, the cache and the fetchers.

Each fetch returns a Fetched: the value, the quota units it spent during this call (0 when the
cache answered) and whether the cache answered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import httpx

from gateway.youtube.cache import FetchCache
from gateway.youtube.comments import arranged, read_comments
from gateway.youtube.data_api import DataApi, QuotaMeter
from gateway.youtube.errors import unavailable_video
from gateway.youtube.parse import YouTubeVideo, parse_video
from gateway.youtube.settings import YouTubeSettings
from gateway.youtube.thumbnails import Thumbnail, fetch_thumbnail
from gateway.youtube.transcripts import TranscriptFetch, fetch_transcript
from tubelens.domain import Comment
from tubelens.errors import TubeLensError
from tubelens.logs import get_logger

T = TypeVar("T")
log = get_logger("tubelens.gateway.youtube")


@dataclass(frozen=True, slots=True)
class Fetched(Generic[T]):
    value: T
    quota_units: int = 0
    cached: bool = False


class YouTubeFetcher:
    def __init__(self, settings: YouTubeSettings, http: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        self._http = http or httpx.AsyncClient(
            timeout=settings.timeout_seconds,
            follow_redirects=False,  # a redirect could lead off the fixed hosts
            transport=httpx.AsyncHTTPTransport(retries=2),  # connection failures only
            headers={"user-agent": "tubelens-gateway"},
            trust_env=False,
        )
        key = settings.api_key.get_secret_value() if settings.api_key else ""
        self._api = DataApi(self._http, settings.api_base_url, key)
        self._cache = FetchCache(settings.cache_size, settings.cache_ttl_seconds)

    async def close(self) -> None:
        await self._http.aclose()

    async def video(self, video_id: str) -> Fetched[YouTubeVideo]:
        async def load() -> tuple[YouTubeVideo, int]:
            meter = QuotaMeter()
            try:
                item = await self._api.video(video_id, meter)
                if item is None:
                    raise unavailable_video(video_id)
                return parse_video(item, video_id), meter.units
            except TubeLensError as exc:
                raise _charged(exc, meter) from exc.__cause__

        return await self._cached(("video", video_id), load)

    async def comments(self, video_id: str, order: str, cap: int) -> Fetched[tuple[Comment, ...]]:
        """Up to `cap` comments, replies under the comment they answer. A cached read for a
        larger cap (done or in flight) answers a smaller one for no quota: its first `cap`
        comments in reading order are what a read for `cap` returns (or more, where short
        pages from YouTube would have made that read stop at a page bound)."""

        async def load() -> tuple[tuple[Comment, ...], int]:
            meter = QuotaMeter()
            try:
                found = await read_comments(
                    self._api, video_id, order, cap, self.settings.reply_threads, meter
                )
            except TubeLensError as exc:
                raise _charged(exc, meter) from exc.__cause__
            return found, meter.units

        read = await self._cached(("comments", video_id, order), load, holds=cap)
        return Fetched(arranged(read.value[:cap]), read.quota_units, read.cached)

    async def transcript(self, video_id: str, wanted: list[str]) -> Fetched[TranscriptFetch]:
        if not self.settings.transcripts:
            return Fetched(TranscriptFetch(None, problem="caption reading is off on this server"))

        async def load() -> tuple[TranscriptFetch, int]:
            fetched = await fetch_transcript(
                video_id, wanted, self.settings.watch_base_url, self.settings.timeout_seconds
            )
            return fetched, 0  # captions come from youtube.com itself, not the Data API

        return await self._cached(("transcript", video_id, tuple(wanted)), load)

    async def thumbnail(self, video_id: str) -> Fetched[Thumbnail]:
        async def load() -> tuple[Thumbnail, int]:
            image = await fetch_thumbnail(
                self._http,
                self.settings.thumbnail_base_url,
                video_id,
                self.settings.max_thumbnail_bytes,
            )
            return image, 0

        return await self._cached(("thumbnail", video_id), load)

    async def _cached(
        self, key: tuple, load: Callable[[], Awaitable[tuple[T, int]]], holds: int = 0
    ) -> Fetched[T]:
        (value, units), hit = await self._cache.get(key, load, holds)
        if not hit:
            log.info("youtube_fetched", part=key[0], video_id=key[1], quota_units=units)
        return Fetched(value, 0 if hit else units, hit)


def _charged(error: TubeLensError, meter: QuotaMeter) -> TubeLensError:
    """A failed fetch still spent quota; the error's metadata says how much."""
    error.metadata["quota_units"] = str(meter.units)
    return error
