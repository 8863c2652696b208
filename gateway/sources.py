"""Where a video's inputs come from. The gateway resolves a VideoRef into a VideoSource once;
each task then awaits only the parts it needs, so it starts as soon as those are ready."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from gateway.inputs import InputReport, Once
from gateway.links import parse_video_id
from gateway.video_scans import ScanOutcome, VideoScans
from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.source import FetchOptions, YouTubeSource
from tubelens import bundles
from tubelens.domain import Comment, Transcript, VideoMetadata
from tubelens.errors import FailedPrecondition, InvalidInput, NotFound
from tubelens.vision.video_types import VideoDigest

_BUNDLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class VideoSource(Protocol):
    metadata: VideoMetadata

    async def transcript(self) -> Transcript | None: ...

    async def comments(self) -> tuple[Comment, ...]: ...

    async def thumbnail(self) -> bytes | None: ...

    async def video_digest(self, time_left: float) -> VideoDigest | None:
        """Shots and stills of the video file, if the source has one; the first caller's
        `time_left` (seconds to the deadline) bounds the scan."""
        ...

    def report(self, parts: Iterable[str]) -> InputReport:
        """What the named parts (see inputs.PARTS) cost and how they were chosen."""
        ...


class BundleSource:
    """A video read from an offline bundle directory."""

    def __init__(
        self,
        path: Path,
        metadata: VideoMetadata,
        transcript_language: str,
        scans: VideoScans | None = None,
    ) -> None:
        self.path = path
        self.metadata = metadata
        self._transcript_language = transcript_language
        self._once = Once()
        self._scans = scans  # None: the video file, if any, is not scanned
        self._video_note = ""

    @classmethod
    async def open(cls, path: Path, scans: VideoScans | None = None) -> BundleSource:
        """Reads video.json now (without it there is no video); the rest when asked for."""
        bundles.require_bundle(path)
        metadata, transcript_language = await asyncio.to_thread(bundles.load_header, path)
        return cls(path, metadata, transcript_language, scans)

    async def transcript(self) -> Transcript | None:
        return await self._once.get(
            "transcript",
            lambda: asyncio.to_thread(
                bundles.load_transcript, self.path, self._transcript_language
            ),
        )

    async def comments(self) -> tuple[Comment, ...]:
        return await self._once.get(
            "comments", lambda: asyncio.to_thread(bundles.load_comments, self.path)
        )

    async def thumbnail(self) -> bytes | None:
        return await self._once.get(
            "thumbnail", lambda: asyncio.to_thread(bundles.load_thumbnail, self.path)
        )

    async def video_digest(self, time_left: float) -> VideoDigest | None:
        return await self._once.get("video", lambda: self._scan_video(time_left))

    async def _scan_video(self, time_left: float) -> VideoDigest | None:
        video = bundles.find_video(self.path)
        if video is None or self._scans is None:
            return None
        outcome: ScanOutcome = await self._scans.digest(video, time_left)
        self._video_note = outcome.note
        return outcome.digest

    def report(self, parts: Iterable[str]) -> InputReport:
        # A bundle costs no quota; only what became of its video file needs explaining.
        note = self._video_note if "video" in parts else ""
        return InputReport(notes=(note,) if note else ())


def bundle_path(reference: str, samples_dir: Path) -> Path:
    """A sample name under `samples_dir`, or a path to a bundle directory."""
    reference = reference.strip()
    if not reference:
        raise InvalidInput(
            "The bundle reference is empty; give a sample name or a directory.",
            reason="INVALID_BUNDLE",
        )
    if _BUNDLE_NAME.match(reference) and (samples_dir / reference).is_dir():
        return samples_dir / reference
    path = Path(reference).expanduser()
    if path.is_dir():
        return path.resolve()
    available = (
        sorted(p.name for p in samples_dir.iterdir() if (p / "video.json").is_file())
        if samples_dir.is_dir()
        else []
    )
    raise NotFound(
        f"No bundle {reference!r}: it is neither a sample under {samples_dir} nor a directory. "
        f"Available samples: {', '.join(available) or 'none'}.",
        reason="BUNDLE_NOT_FOUND",
    )


async def resolve(
    kind: str,
    value: str,
    samples_dir: Path,
    youtube: YouTubeFetcher | None = None,
    options: FetchOptions | None = None,
    scans: VideoScans | None = None,
) -> VideoSource:
    """A VideoRef (its oneof case and value) -> a source; raises what the caller must fix.
    Only the video id is taken from a link: the link itself is never fetched."""
    if kind == "bundle":
        return await BundleSource.open(bundle_path(value, samples_dir), scans)
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
