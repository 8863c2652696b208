"""A bundle's video file -> its shots and stills, scanned by the video service, cached here.

Decoding a 10-minute film takes 20-50 s of CPU, so the gateway never decodes: it streams the file
to the video service, which scans it in its own worker pool. The scan gets the earlier of
TUBELENS_VIDEO_SCAN_MAX_SECONDS and half the time left before the call's deadline (the tasks that
wait for it need the other half). A scan that runs out of time, or a file that cannot be decoded,
yields no digest and a note: the tasks go on without it. Finished digests are cached by the
file's identity (device, inode, size, modification time), and two calls on one file at once
share one scan.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import BinaryIO

import grpc
from cachetools import LRUCache
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.errors import TubeLensError
from tubelens.logs import REQUEST_ID_HEADER, get_logger, request_id
from tubelens.observability import metrics
from tubelens.observability.tracing import set_attributes, span
from tubelens.settings import ENV_PREFIX
from tubelens.v1 import summary_pb2, video_pb2, video_pb2_grpc

log = get_logger("tubelens.gateway")
CHUNK_BYTES = 1024 * 1024


class VideoScanSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}VIDEO_", env_file=None, extra="ignore"
    )

    scan_max_seconds: float = Field(default=60.0, ge=0)  # 0 turns video scanning off
    cache_size: int = Field(default=16, ge=0)  # digests kept (under 1 MB each); 0: no cache


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    digest: summary_pb2.ShotDigest | None
    note: str = ""  # why there is no digest, or where it came from
    partial: bool = False  # no digest for a reason of this call only (time, load, a failure)


class VideoScans:
    """The gateway's video scans, shared by every call (it holds the cache)."""

    def __init__(
        self,
        service: video_pb2_grpc.VideoServiceStub | None,
        settings: VideoScanSettings | None = None,
    ) -> None:
        self._service = service  # None: no video service, nothing is scanned
        self._settings = settings or VideoScanSettings()
        size = self._settings.cache_size
        # Both are touched from the event loop only, so they need no lock.
        self._cache: LRUCache | None = LRUCache(maxsize=size) if size else None
        self._running: dict[tuple, asyncio.Future[ScanOutcome]] = {}

    async def digest(
        self, open_file: Callable[[], BinaryIO], name: str, time_left: float
    ) -> ScanOutcome:
        """The digest of the file `open_file` opens, scanning for at most the allowed time."""
        budget = min(self._settings.scan_max_seconds, time_left / 2)
        if self._settings.scan_max_seconds == 0 or self._service is None:
            return ScanOutcome(None, f"{name} was not scanned: video scanning is turned off.")
        try:
            file = open_file()
        except TubeLensError as exc:  # gone or changed since it was found: no shots, no failure
            return ScanOutcome(None, f"{exc.message} No shots or key frames.", partial=True)
        try:
            info = os.fstat(file.fileno())
            key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
            cached = self._cache.get(key) if self._cache is not None else None
            if cached is not None:
                return ScanOutcome(
                    cached, f"Shots and stills of {name} came from the gateway's cache."
                )
            if budget <= 0.05:
                note = f"{name} was not scanned: no time was left for it."
                return ScanOutcome(None, note, partial=True)
            if key not in self._running:  # the scan owns the file from here on
                scan = asyncio.ensure_future(self._scan(file, name, info.st_size, key, budget))
                scan.add_done_callback(lambda _: self._running.pop(key, None))
                self._running[key] = scan
                file = None
        finally:
            if file is not None:
                file.close()
        return await asyncio.shield(self._running[key])

    async def _scan(
        self, file: BinaryIO, name: str, size: int, key: tuple, budget: float
    ) -> ScanOutcome:
        assert self._service is not None
        started = time.monotonic()
        try:
            with span("video.scan", file=name, bytes=size, budget_seconds=budget):
                reply = await self._service.ScanVideo(
                    _upload(file, name, size),
                    timeout=budget,
                    metadata=((REQUEST_ID_HEADER, request_id()),),
                )
                set_attributes(shots=len(reply.digest.shots))
        except grpc.aio.AioRpcError as exc:
            metrics.record_video_scan(exc.code().name, time.monotonic() - started)
            return ScanOutcome(None, _failure_note(name, exc, budget), partial=True)
        finally:
            file.close()
        seconds = reply.scan_time.ToTimedelta().total_seconds()
        metrics.record_video_scan("OK", seconds)
        log.info("video_scanned", file=name, shots=len(reply.digest.shots), seconds=seconds)
        if self._cache is not None:
            self._cache[key] = reply.digest
        return ScanOutcome(reply.digest, f"{name} scanned in {seconds:.1f} s.")


async def _upload(
    file: BinaryIO, name: str, size: int
) -> AsyncIterator[video_pb2.ScanVideoRequest]:
    yield video_pb2.ScanVideoRequest(
        header=video_pb2.VideoFileHeader(file_name=name, size_bytes=size)
    )
    left = size  # the size announced: a file that grows meanwhile is not read past it
    while left > 0 and (chunk := await asyncio.to_thread(file.read, min(CHUNK_BYTES, left))):
        left -= len(chunk)
        yield video_pb2.ScanVideoRequest(chunk=chunk)


def _failure_note(name: str, error: grpc.aio.AioRpcError, budget: float) -> str:
    code = error.code()
    if code == grpc.StatusCode.DEADLINE_EXCEEDED:
        return (
            f"{name} was not scanned for shots and key frames: the scan would take more than "
            f"{budget:.1f} s (the limit is TUBELENS_VIDEO_SCAN_MAX_SECONDS, and at most half the "
            "time left before the deadline)."
        )
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        return f"{error.details()} No shots or key frames."
    if code == grpc.StatusCode.RESOURCE_EXHAUSTED:
        return f"{name} was not scanned: the video service is busy ({error.details()})."
    log.warning("video_scan_failed", file=name, code=code.name, details=error.details())
    return f"{name} was not scanned: the video service failed ({code.name})."
