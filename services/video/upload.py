"""Receives a streamed video file into the service's scratch space, checking it as it comes.

The header is checked before any byte is read (size within the limit), and the bytes must add
up to exactly the size it announced. The servicer holds at most a fixed number of files at once,
so scratch space is bounded by that number x the file limit.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path, PurePath

from services.video.domain import VideoFile, VideoLimits
from tubelens.errors import InvalidInput
from tubelens.v1 import video_pb2

_SUFFIXES = {".mp4", ".webm", ".mov", ".mkv", ".m4v", ".avi"}  # kept: it helps the demuxer


async def receive_file(
    messages: AsyncIterator[video_pb2.ScanVideoRequest], limits: VideoLimits, folder: Path
) -> tuple[VideoFile, Path]:
    """Writes the streamed file into `folder`; returns its header and where it is."""
    first = await anext(messages, None)
    if first is None or first.WhichOneof("part") != "header":
        raise InvalidInput(
            "A scan must start with a message holding the file's header.",
            reason="INVALID_VIDEO_HEADER",
        )
    file = VideoFile(first.header.file_name, first.header.size_bytes)
    limits.check(file)
    suffix = PurePath(file.name).suffix.lower()
    path = folder / f"video{suffix if suffix in _SUFFIXES else ''}"
    received = 0
    with path.open("wb") as out:
        async for message in messages:
            if message.WhichOneof("part") != "chunk":
                raise InvalidInput(
                    "Only the first message of a scan may be a header.",
                    reason="INVALID_VIDEO_HEADER",
                )
            received += len(message.chunk)
            if received > file.size_bytes:
                raise InvalidInput(
                    f"{file.name} sent more bytes than the {file.size_bytes:,} its header "
                    "announced.",
                    reason="VIDEO_SIZE_MISMATCH",
                )
            await asyncio.to_thread(out.write, message.chunk)
    if received != file.size_bytes:
        raise InvalidInput(
            f"The stream of {file.name} ended after {received:,} of {file.size_bytes:,} bytes.",
            reason="VIDEO_SIZE_MISMATCH",
        )
    return file, path
