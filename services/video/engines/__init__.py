"""The video scan behind one small interface. There is one engine, the local decoder: no model
is involved in finding cuts and stills."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from tubelens.vision.video_types import VideoDigest
from tubelens.workers import Offload, in_thread

# Modules the worker processes load before their first job (see tubelens.workers).
WORKER_PRELOAD = ("services.video.engines.preload",)


class VideoEngine(Protocol):
    async def scan(self, path: Path, max_seconds: float) -> VideoDigest: ...


def build_engine(offload: Offload = in_thread) -> VideoEngine:
    from services.video.engines.local import LocalVideoEngine

    return LocalVideoEngine(offload)
