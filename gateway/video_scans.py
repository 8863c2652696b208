"""Scans a bundle's video file for shots and stills: once per call, bounded in time, cached.

Decoding a 10-minute film takes 20-50 s on two cores, so the scan runs in a worker thread and
stops at the earlier of TUBELENS_VIDEO_SCAN_MAX_SECONDS and half the time left before the
call's deadline (the tasks that wait for it need the other half). A scan that stops early, or
a file that cannot be decoded, yields no digest and a note: the tasks go on without it.
Complete digests are cached by path, size and modification time, so analysing the same
bundle again does not rescan it; two calls on the same file at once share one scan.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cachetools import LRUCache
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.errors import InvalidInput
from tubelens.logs import get_logger
from tubelens.settings import ENV_PREFIX
from tubelens.vision.video_types import VideoDigest

log = get_logger("tubelens.gateway")


class VideoScanSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}VIDEO_", env_file=None, extra="ignore"
    )

    scan_max_seconds: float = Field(default=60.0, ge=0)  # 0 turns video scanning off
    cache_size: int = Field(default=16, ge=0)  # digests kept (under 1 MB each); 0: no cache


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    digest: VideoDigest | None
    note: str = ""  # why there is no digest, or where it came from


class _Stopped(Exception):
    """The scan ran out of time."""


class VideoScans:
    """The gateway's video scanner, shared by every call (it holds the cache)."""

    def __init__(self, settings: VideoScanSettings | None = None) -> None:
        self._settings = settings or VideoScanSettings()
        size = self._settings.cache_size
        # Both are touched from the event loop only, so they need no lock.
        self._cache: LRUCache | None = LRUCache(maxsize=size) if size else None
        self._running: dict[tuple, asyncio.Future[ScanOutcome]] = {}  # shared by calls

    async def digest(self, path: Path, time_left: float) -> ScanOutcome:
        """The digest of the video at `path`, scanning for at most the allowed time."""
        name = path.name
        budget = min(self._settings.scan_max_seconds, time_left / 2)
        if self._settings.scan_max_seconds == 0:
            return ScanOutcome(None, f"{name} was not scanned: video scanning is turned off.")
        try:
            stat = path.stat()
        except OSError as exc:
            return ScanOutcome(None, f"{name} could not be read ({exc.strerror}).")
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        cached = self._cache.get(key) if self._cache is not None else None
        if cached is not None:
            return ScanOutcome(cached, f"Shots and stills of {name} came from the gateway's cache.")
        if budget <= 0.05:
            return ScanOutcome(
                None, f"{name} was not scanned: no time was left before the deadline."
            )
        if key not in self._running:  # two calls on the same file at once share one scan
            self._running[key] = asyncio.ensure_future(self._scan_file(path, key, budget))
            self._running[key].add_done_callback(lambda _: self._running.pop(key, None))
        return await asyncio.shield(self._running[key])

    async def _scan_file(self, path: Path, key: tuple, budget: float) -> ScanOutcome:
        name = path.name
        started = time.perf_counter()
        try:
            digest = await asyncio.to_thread(_scan, path, _now() + budget)
        except _Stopped:
            return ScanOutcome(
                None,
                f"{name} was not scanned for shots and key frames: the scan would take more than "
                f"{budget:.0f} s (the limit is TUBELENS_VIDEO_SCAN_MAX_SECONDS, and at most half "
                "the time left before the deadline).",
            )
        except InvalidInput as exc:
            return ScanOutcome(None, f"{exc.message} No shots or key frames.")
        except ImportError as exc:
            return ScanOutcome(None, f"{name} was not scanned: this gateway lacks {exc.name}.")
        except Exception:  # an optional input: a decoder bug must not fail the tasks
            log.exception("video_scan_failed", file=name)
            return ScanOutcome(None, f"{name} could not be scanned; no shots or key frames.")
        seconds = time.perf_counter() - started
        log.info("video_scanned", file=name, shots=len(digest.shots), seconds=round(seconds, 2))
        if self._cache is not None:
            self._cache[key] = digest
        return ScanOutcome(digest, f"{name} scanned in {seconds:.1f} s.")


def _now() -> float:
    return time.monotonic()


def _scan(path: Path, stop_at: float) -> VideoDigest:
    """One decoding pass (in a worker thread) that gives up at `stop_at` (on _now's clock)."""
    from tubelens.vision.shots import scan_frames
    from tubelens.vision.stills import digest_scan
    from tubelens.vision.video_frames import Frame, frames

    def until_stop(decoded: Iterator[Frame]) -> Iterator[Frame]:
        for frame in decoded:
            if _now() > stop_at:
                raise _Stopped
            yield frame

    with contextlib.closing(frames(path)) as decoded:  # closes the file even when stopped
        return digest_scan(scan_frames(until_stop(decoded)))
