"""VideoService over gRPC: receives the file, scans it in the worker pool, sends the digest."""

from __future__ import annotations

import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

import grpc

from services.video.domain import VideoLimits
from services.video.engines import VideoEngine
from services.video.upload import receive_file
from tubelens import convert
from tubelens.server.in_flight import InFlight
from tubelens.v1 import summary_pb2, video_pb2, video_pb2_grpc
from tubelens.vision.video_types import VideoDigest

SERVICE_NAME = video_pb2.DESCRIPTOR.services_by_name["VideoService"].full_name


class VideoServicer(video_pb2_grpc.VideoServiceServicer):
    def __init__(
        self,
        engine: VideoEngine,
        limits: VideoLimits,
        max_uploads: int,
        scratch_dir: Path | None = None,
    ) -> None:
        self._engine = engine
        self._limits = limits
        self._files = InFlight(max_uploads, "video files")
        self._scratch = scratch_dir  # None: the system's temporary directory

    async def ScanVideo(
        self,
        request_iterator: AsyncIterator[video_pb2.ScanVideoRequest],
        context: grpc.aio.ServicerContext,
    ) -> video_pb2.ScanVideoResponse:
        with (
            self._files.hold(),
            tempfile.TemporaryDirectory(prefix="tubelens-video-", dir=self._scratch) as folder,
        ):
            _, path = await receive_file(request_iterator, self._limits, Path(folder))
            started = time.perf_counter()
            digest = await self._engine.scan(path, self._limits.max_minutes * 60)
            seconds = time.perf_counter() - started
        return video_pb2.ScanVideoResponse(
            digest=digest_to_proto(digest), scan_time=convert.duration(seconds)
        )


def digest_to_proto(digest: VideoDigest) -> summary_pb2.ShotDigest:
    return summary_pb2.ShotDigest(
        duration=convert.duration(digest.duration),
        shots=[
            summary_pb2.Shot(start=convert.duration(s.start), end=convert.duration(s.end))
            for s in digest.shots
        ],
        stills=[
            summary_pb2.KeyFrame(
                time=convert.duration(s.time),
                chapter_index=-1,
                image_jpeg=s.jpeg,
                quality=s.quality,
            )
            for s in digest.stills
        ],
    )
