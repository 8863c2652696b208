"""What the summary task takes and gives, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tubelens.domain import Comment, Transcript, VideoMetadata
from tubelens.text.labels import TextLabels
from tubelens.vision.video_types import KeyFrame, Shot, VideoDigest


class SummarySource(StrEnum):
    TRANSCRIPT = "transcript"
    DESCRIPTION = "description"
    VIDEO = "video"


class ChapterOrigin(StrEnum):
    NONE = ""
    DESCRIPTION = "description"
    TRANSCRIPT = "transcript"
    MODEL = "model"


@dataclass(frozen=True, slots=True)
class SummaryRequest:
    video: VideoMetadata
    transcript: Transcript | None = None
    comments: tuple[Comment, ...] = ()
    language: str = ""  # empty: the transcript's (or video's) language
    video_digest: VideoDigest | None = None  # shots and stills of the video file, if scanned
    # One label per comment, read by the comments analysis of the same call; empty: read here.
    comment_labels: tuple[TextLabels, ...] = ()
    # An uploaded video a model may watch (a Gemini Files API URI and its MIME type); None:
    # the video is watched by its YouTube link, when it has one.
    video_file: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class KeyPoint:
    text: str
    start: float  # seconds from the start of the video
    source: SummarySource


@dataclass(frozen=True, slots=True)
class Chapter:
    title: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class CommentSectionSummary:
    text: str
    topics: tuple[str, ...] = ()
    praise: tuple[str, ...] = ()
    criticism: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    comments_considered: int = 0
    requests: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    tldr: str
    key_points: tuple[KeyPoint, ...]
    chapters: tuple[Chapter, ...]
    chapter_origin: ChapterOrigin
    source: SummarySource
    language: str
    comment_summary: CommentSectionSummary | None = None
    notes: tuple[str, ...] = field(default=())  # plain-language notes for provenance
    shots: tuple[Shot, ...] = ()  # from the video file's scan; empty without one
    key_frames: tuple[KeyFrame, ...] = ()  # one per chapter (or stretch), time order
