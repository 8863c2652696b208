"""What the thumbnail task takes and gives, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tubelens.domain import Box, VideoMetadata


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


@dataclass(frozen=True, slots=True)
class ThumbnailRequest:
    image: bytes
    title: str = ""
    video: VideoMetadata | None = None
    language: str = ""  # language of findings; empty means English


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable, e.g. "LOW_RESOLUTION"
    severity: Severity
    message: str  # what was measured, with the numbers
    suggestion: str = ""  # what to change; empty for a positive finding


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    weight: float  # weights of all criteria add up to 1
    score: float  # 0..100


@dataclass(frozen=True, slots=True)
class Face:
    box: Box
    area_share: float


@dataclass(frozen=True, slots=True)
class PaletteColor:
    hex: str  # "#rrggbb"
    share: float


@dataclass(frozen=True, slots=True)
class ThumbnailReview:
    width: int
    height: int
    aspect_ratio: float
    meets_recommended_size: bool
    brightness: float  # mean luminance 0..1
    contrast: float  # RMS contrast 0..1
    colorfulness: float  # Hasler-Suesstrunk
    palette: tuple[PaletteColor, ...]
    faces: tuple[Face, ...]
    score: int  # 0..100, weighted sum of the criteria
    criteria: tuple[Criterion, ...]
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = field(default=())
