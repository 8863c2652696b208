"""The local video scan: PyAV (or OpenCV) decodes, OpenCV finds the cuts and rates the stills."""

from __future__ import annotations

from pathlib import Path

from tubelens.vision.stills import video_digest
from tubelens.vision.video_types import VideoDigest
from tubelens.workers import Offload, in_thread


class LocalVideoEngine:
    def __init__(self, offload: Offload = in_thread) -> None:
        self._offload = offload  # the server's worker pool; a thread in tests and tools

    async def scan(self, path: Path, max_seconds: float) -> VideoDigest:
        return await self._offload(video_digest, path, max_seconds)
