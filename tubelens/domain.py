"""Video inputs every task works from, as plain data (no protobuf, no gRPC).

Offsets inside a video are float seconds; points in time are timezone-aware datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class VideoMetadata:
    video_id: str
    title: str
    channel_title: str = ""
    channel_id: str = ""
    description: str = ""
    duration_seconds: float = 0.0
    published_at: datetime | None = None
    default_language: str = ""
    view_count: int = 0
    like_count: int = 0
    comment_count: int = 0
    tags: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"https://www.youtube.com/watch?v={self.video_id}" if self.video_id else ""


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    text: str
    author: str = ""
    like_count: int = 0
    published_at: datetime | None = None
    parent_id: str = ""  # empty for a top-level comment

    @property
    def is_reply(self) -> bool:
        return bool(self.parent_id)


@dataclass(frozen=True, slots=True)
class TranscriptCue:
    start: float
    end: float
    text: str


@dataclass(frozen=True, slots=True)
class Transcript:
    language: str
    cues: tuple[TranscriptCue, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(cue.text for cue in self.cues)


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in fractions of the image size (0..1)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def area(self) -> float:
        return self.width * self.height


@dataclass(frozen=True, slots=True)
class Provenance:
    """How a result was produced; engines fill it, servicers copy it into the proto."""

    engine: str  # "local" or "gemini"
    model: str
    prompt_version: str
    notes: tuple[str, ...] = field(default=())
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    cached: bool = False
    # Token detail from the model's usage metadata: (modality, tokens) pairs, thinking, calls.
    input_tokens_by_modality: tuple[tuple[str, int], ...] = ()
    output_tokens_by_modality: tuple[tuple[str, int], ...] = ()
    thinking_tokens: int = 0
    model_calls: int = 0  # requests sent upstream, failed tries included
    estimated_cost_usd: float = 0.0
    shared_calls: int = 0  # calls answered by an identical call another task paid for
