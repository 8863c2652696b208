"""What a video scan hands on, as plain data (no OpenCV), so domain modules can carry it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Shot:
    start: float  # seconds
    end: float


@dataclass(frozen=True, slots=True)
class EncodedStill:
    time: float  # seconds
    jpeg: bytes  # 320x180
    quality: float  # 0..1: sharp, colourful, well exposed


@dataclass(frozen=True, slots=True)
class VideoDigest:
    duration: float
    shots: tuple[Shot, ...]
    stills: tuple[EncodedStill, ...]  # time order


@dataclass(frozen=True, slots=True)
class KeyFrame:
    time: float  # seconds from the start
    chapter_index: int  # index into the summary's chapters; -1 for a stretch without chapters
    image_jpeg: bytes
    quality: float  # 0..1
