"""What the thumbnail task takes and gives, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tubelens.domain import Box, VideoMetadata


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


MAX_CANDIDATE_FRAMES = 60  # stills rated per request; each is a small JPEG


@dataclass(frozen=True, slots=True)
class CandidateFrame:
    """A still from the video (JPEG/PNG bytes) that might make a better thumbnail."""

    time: float  # seconds from the start of the video
    image: bytes


@dataclass(frozen=True, slots=True)
class ThumbnailRequest:
    image: bytes
    title: str = ""
    video: VideoMetadata | None = None
    language: str = ""  # language of findings; empty means English
    candidate_frames: tuple[CandidateFrame, ...] = ()


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
    smiling: bool = False  # the smile detector fired on it (only checked for the 3 largest)


@dataclass(frozen=True, slots=True)
class ThumbnailText:
    """One word read in the thumbnail."""

    text: str
    box: Box
    confidence: float  # 0..100, the reader's
    contrast_ratio: float  # WCAG, letters against what surrounds them, 1..21
    height_at_small: float  # letter height in px when shown at 168x94
    legible_small: bool  # readable at 168x94
    legible_medium: bool  # readable at 320x180


@dataclass(frozen=True, slots=True)
class Composition:
    centre: tuple[float, float]  # saliency-weighted centre, fractions of width and height
    salient_box: Box  # where the strongest saliency lies
    thirds_distance: float  # from that centre to the nearest rule-of-thirds point, 0..~0.5
    edge_density: float  # share of edge pixels (clutter)
    badge_salience: float  # saliency in the duration-badge corner vs. an even spread
    badge_covers: tuple[str, ...] = ()  # what the badge would hide: "text", "face", "subject"


@dataclass(frozen=True, slots=True)
class TitleMatch:
    verdict: str  # "no_text", "echoes", "complements", "repeats_title"
    shared_words: tuple[str, ...]  # words both the thumbnail and the title have
    overlap: float  # share of the thumbnail's words found in the title, 0..1


@dataclass(frozen=True, slots=True)
class FrameSuggestion:
    time: float  # seconds from the start of the video
    score: float  # 0..100: sharp, with a face, colourful
    sharpness: float
    colorfulness: float
    faces: int
    reason: str


@dataclass(frozen=True, slots=True)
class PaletteColor:
    hex: str  # "#rrggbb"
    share: float


@dataclass(frozen=True, slots=True)
class ModelFace:
    description: str
    expression: str


@dataclass(frozen=True, slots=True)
class ModelReading:
    """What a multimodal model read in the thumbnail (gemini engine); scores are 0..100."""

    description: str
    text_on_image: tuple[str, ...]
    faces: tuple[ModelFace, ...]
    small_size_clarity: int
    small_size_note: str
    title_match: int
    title_match_note: str
    video_checked: bool = False
    video_match: int = 0
    video_match_note: str = ""


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
    model_reading: ModelReading | None = None  # set by the gemini engine only
    texts: tuple[ThumbnailText, ...] = ()
    text_area_share: float = 0.0
    composition: Composition | None = None
    title_match: TitleMatch | None = None
    frame_suggestions: tuple[FrameSuggestion, ...] = ()
