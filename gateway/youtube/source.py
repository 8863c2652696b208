"""A YouTube video as a VideoSource: metadata at once, every other part on first demand.

Each part is fetched at most once per call (and shared through the cache across calls). What a
part cost, where it came from and why it is missing are kept, so each task's provenance can say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gateway.inputs import InputReport, Once
from gateway.youtube.fetcher import Fetched, YouTubeFetcher
from gateway.youtube.parse import YouTubeVideo, require_analysable
from gateway.youtube.transcripts import languages_wanted
from tubelens.domain import Comment, Transcript, VideoMetadata
from tubelens.errors import TubeLensError


@dataclass(frozen=True, slots=True)
class FetchOptions:
    language: str = ""  # the caller's language, "" when they asked for the video's own
    comment_order: str = "relevance"
    max_comments: int = 2000


@dataclass(frozen=True, slots=True)
class _Record:
    quota_units: int = 0
    cached: bool = False
    note: str = ""
    track: str = ""
    partial: bool = False  # missing for a reason of this call only


class YouTubeSource:
    def __init__(
        self, fetcher: YouTubeFetcher, video: Fetched[YouTubeVideo], options: FetchOptions
    ) -> None:
        self.metadata: VideoMetadata = video.value.metadata
        self.video_file = None  # models watch the video by its YouTube link
        self._video = video.value
        self._fetcher = fetcher
        self._options = options
        self._once = Once()
        self._records = {"metadata": _Record(video.quota_units, video.cached)}

    @classmethod
    async def open(
        cls, fetcher: YouTubeFetcher, video_id: str, options: FetchOptions
    ) -> YouTubeSource:
        """Reads the metadata (a missing, live or age-restricted video fails the whole call)."""
        video = await fetcher.video(video_id)
        require_analysable(video.value)
        return cls(fetcher, video, options)

    async def transcript(self) -> Transcript | None:
        return await self._once.get("transcript", self._load_transcript)

    async def comments(self) -> tuple[Comment, ...]:
        return await self._once.get("comments", self._load_comments)

    async def thumbnail(self) -> bytes | None:
        return await self._once.get("thumbnail", self._load_thumbnail)

    async def video_digest(self, time_left: float) -> None:
        return None  # the Data API gives no video file to scan

    def report(self, parts: Iterable[str]) -> InputReport:
        parts = tuple(parts)
        names = dict.fromkeys(("metadata", *parts))  # each part once, metadata always
        records = [self._records[name] for name in names if name in self._records]
        return InputReport(
            quota_units=sum(r.quota_units for r in records),
            cached=all(r.cached for r in records),
            transcript_track=self._records.get("transcript", _Record()).track
            if "transcript" in parts
            else "",
            notes=tuple(dict.fromkeys(r.note for r in records if r.note)),
            partial=any(r.partial for r in records),
        )

    async def _load_transcript(self) -> Transcript | None:
        own = (self._video.audio_language, self.metadata.default_language)
        wanted = languages_wanted(self._options.language, own)
        fetched = await self._fetcher.transcript(self.metadata.video_id, wanted)
        result = fetched.value
        note = f"No transcript from YouTube: {result.problem}." if result.problem else ""
        self._records["transcript"] = _Record(
            fetched.quota_units, fetched.cached, note, result.track
        )
        return result.transcript

    async def _load_comments(self) -> tuple[Comment, ...]:
        options = self._options
        try:
            fetched = await self._fetcher.comments(
                self.metadata.video_id, options.comment_order, options.max_comments
            )
        except TubeLensError as exc:
            units = int(exc.metadata.get("quota_units", 0))
            note = f"Comments unavailable ({exc.reason}): {exc.message}"
            self._records["comments"] = _Record(units, note=note, partial=True)
            raise
        self._records["comments"] = _Record(fetched.quota_units, fetched.cached)
        return fetched.value

    async def _load_thumbnail(self) -> bytes | None:
        try:
            fetched = await self._fetcher.thumbnail(self.metadata.video_id)
        except TubeLensError as exc:
            self._records["thumbnail"] = _Record(note=f"No thumbnail ({exc.reason}): {exc.message}")
            raise
        size = fetched.value.size_name
        note = "" if size == "maxresdefault" else f"The largest thumbnail available was {size}."
        self._records["thumbnail"] = _Record(fetched.quota_units, fetched.cached, note)
        return fetched.value.image
