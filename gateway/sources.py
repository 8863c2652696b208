"""Where a video's inputs come from. The gateway resolves a VideoRef into a VideoSource once;
each task then awaits only the parts it needs, so it starts as soon as those are ready."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from gateway.bundle_cache import BundleCache, parse_off_loop
from gateway.inputs import InputReport, Once
from gateway.links import parse_video_id
from gateway.video_scans import ScanOutcome, VideoScans
from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.source import FetchOptions, YouTubeSource
from tubelens import bundles
from tubelens.domain import Comment, Transcript, VideoMetadata
from tubelens.errors import FailedPrecondition, InvalidInput, NotFound, TubeLensError
from tubelens.v1.summary_pb2 import ShotDigest

T = TypeVar("T")
PARSED = BundleCache()  # the process's parsed bundle parts, shared by every analysis


@dataclass(frozen=True, slots=True)
class ModelVideoFile:
    """The video file at the Gemini Files API (an upload handed over), for the gemini engine."""

    uri: str
    mime_type: str


class VideoSource(Protocol):
    metadata: VideoMetadata
    video_file: ModelVideoFile | None  # None: a model watches the YouTube link, or nothing

    async def transcript(self) -> Transcript | None: ...

    async def comments(self) -> tuple[Comment, ...]: ...

    async def thumbnail(self) -> bytes | None: ...

    async def video_digest(self, time_left: float) -> ShotDigest | None:
        """Shots and stills of the video file, if the source has one; the first caller's
        `time_left` (seconds to the deadline) bounds the scan."""
        ...

    def report(self, parts: Iterable[str]) -> InputReport:
        """What the named parts (see inputs.PARTS) cost and how they were chosen."""
        ...


class BundleSource:
    """A video read from an offline bundle directory (already resolved inside a root)."""

    def __init__(
        self,
        path: Path,
        metadata: VideoMetadata,
        transcript_language: str,
        scans: VideoScans | None = None,
        limits: bundles.ReadLimits | None = None,
    ) -> None:
        self.path = path
        self.metadata = metadata
        self.video_file: ModelVideoFile | None = None  # set for an upload handed to Gemini
        self._transcript_language = transcript_language
        self._once = Once()
        self._scans = scans  # None: the video file, if any, is not scanned
        self._video_note = ""
        self._video_partial = False
        self._limits = limits or bundles.default_limits()
        # What else shapes a parsed part, for PARSED's key (the limits are not hashable).
        self._parse_key = (repr(self._limits), transcript_language)

    @classmethod
    async def open(
        cls, path: Path, scans: VideoScans | None = None, limits: bundles.ReadLimits | None = None
    ) -> BundleSource:
        """Reads video.json now (without it there is no video); the rest when asked for."""
        limits = limits or bundles.default_limits()
        metadata, transcript_language = await parse_off_loop(
            PARSED.get, path, "header", lambda: bundles.load_header(path, limits), repr(limits)
        )
        return cls(path, metadata, transcript_language, scans, limits)

    async def transcript(self) -> Transcript | None:
        return await self._parsed(
            "transcript",
            lambda: bundles.load_transcript(self.path, self._transcript_language, self._limits),
        )

    async def comments(self) -> tuple[Comment, ...]:
        return await self._parsed(
            "comments", lambda: bundles.load_comments(self.path, self._limits)
        )

    async def thumbnail(self) -> bytes | None:
        return await self._parsed(
            "thumbnail", lambda: bundles.load_thumbnail(self.path, self._limits)
        )

    def _parsed(self, part: str, load: Callable[[], T]) -> Awaitable[T]:
        """The part, loaded at most once per analysis and reused across analyses while the
        bundle's files are unchanged (PARSED)."""
        return self._once.get(
            part, lambda: parse_off_loop(PARSED.get, self.path, part, load, self._parse_key)
        )

    async def video_digest(self, time_left: float) -> ShotDigest | None:
        return await self._once.get("video", lambda: self._scan_video(time_left))

    async def _scan_video(self, time_left: float) -> ShotDigest | None:
        """The video service's digest of the bundle's video file; a video that cannot be used
        (too large, a link) is a note, not a failure: the tasks go on without shots."""
        try:
            video = await asyncio.to_thread(bundles.find_video, self.path, self._limits)
        except TubeLensError as exc:
            self._video_note = f"{exc.message} No shots or key frames."
            self._video_partial = True
            return None
        if video is None or self._scans is None:
            return None
        outcome: ScanOutcome = await self._scans.digest(
            lambda: self._open_video(video.name), video.name, time_left
        )
        self._video_note, self._video_partial = outcome.note, outcome.partial
        return outcome.digest

    def _open_video(self, name: str) -> BinaryIO:
        file = bundles.open_bundle_file(self.path, name, self._limits.files.video)
        if file is None:
            raise NotFound(f"{name} left the bundle while it was read.", reason="VIDEO_NOT_FOUND")
        return file

    def report(self, parts: Iterable[str]) -> InputReport:
        # A bundle costs no quota; only what became of its video file needs explaining.
        if "video" not in parts or not self._video_note:
            return InputReport()
        return InputReport(notes=(self._video_note,), partial=self._video_partial)


def bundle_path(
    reference: str, roots: Sequence[Path], limits: bundles.ReadLimits | None = None
) -> Path:
    """The bundle directory a VideoRef.bundle names: a sample name or a path, only inside
    `roots` (TUBELENS_BUNDLE_ROOTS); one NotFound, showing no server path, for anything else."""
    limits = limits or bundles.default_limits()
    return bundles.find_bundle(reference, roots, limits.files.max_reference_chars)


async def resolve(
    kind: str,
    value: str,
    roots: Sequence[Path] | None,
    youtube: YouTubeFetcher | None = None,
    options: FetchOptions | None = None,
    scans: VideoScans | None = None,
) -> VideoSource:
    """A VideoRef (its oneof case and value) -> a source; raises what the caller must fix.
    A bundle is read only from inside `roots`. Only the video id is taken from a link: the
    link itself is never fetched."""
    if kind == "bundle":
        path = await asyncio.to_thread(bundle_path, value, roots or ())  # stats the disk
        return await BundleSource.open(path, scans)
    if kind == "url":
        video_id = parse_video_id(value)
        if youtube is None:
            raise FailedPrecondition(
                f"YouTube access is not configured on this gateway (no TUBELENS_YOUTUBE_API_KEY), "
                f"so video {video_id} cannot be fetched. Analyse an offline bundle instead "
                "(VideoRef.bundle).",
                reason="YOUTUBE_NOT_CONFIGURED",
            )
        return await YouTubeSource.open(youtube, video_id, options or FetchOptions())
    raise InvalidInput(
        "The request names no video: set video.url (a YouTube link or id) or "
        "video.bundle (a sample name or bundle directory).",
        reason="VIDEO_MISSING",
    )
