"""What the comments task takes and gives, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from tubelens.domain import Comment, VideoMetadata

if TYPE_CHECKING:  # services.comments.labels imports Sentiment from here
    from services.comments.labels import LabelsPage, LabelsWanted


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


@dataclass(frozen=True, slots=True)
class SentimentShares:
    """Shares per polarity; they add up to 1, or are all 0 when nothing was counted."""

    positive: float = 0.0
    neutral: float = 0.0
    negative: float = 0.0


@dataclass(frozen=True, slots=True)
class CommentsRequest:
    comments: tuple[Comment, ...]
    video: VideoMetadata | None = None
    language: str = ""  # language of labels the analysis writes; empty means English
    max_themes: int = 0  # 0: the engine's default
    labels: LabelsWanted | None = None  # the page of per-comment labels asked for; None: none


@dataclass(frozen=True, slots=True)
class CommentRef:
    comment_id: str
    author: str
    text: str
    like_count: int
    sentiment: Sentiment


@dataclass(frozen=True, slots=True)
class Theme:
    label: str
    keywords: tuple[str, ...]
    share: float
    sentiment: SentimentShares
    representative_comment_ids: tuple[str, ...]
    comment_count: int


@dataclass(frozen=True, slots=True)
class LanguageShare:
    language: str
    share: float
    comment_count: int


@dataclass(frozen=True, slots=True)
class ToxicityShares:
    """Shares of analysed comments judged hateful or offensive (the rest are neither)."""

    hate: float = 0.0
    offensive: float = 0.0
    comment_ids: tuple[str, ...] = ()  # the hateful and offensive ones, in input order


@dataclass(frozen=True, slots=True)
class SentimentPeriod:
    """Sentiment of the comments written in one stretch of time after publication."""

    start_hours: float  # hours after the video was published
    end_hours: float
    comment_count: int
    sentiment: SentimentShares


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A reply that turns against the comment it answers."""

    parent: CommentRef
    reply: CommentRef
    reason: str  # "contradiction" (says so) or "opposite_sentiment" (judges the other way)


@dataclass(frozen=True, slots=True)
class CommentsCoverage:
    """How much of what was sent to the model the analysis covers, and why the rest is missing.

    Batches fail independently, so an analysis can stand on part of the comments; this says
    which part, so a reader never takes a partial figure for the whole.
    """

    sent: int  # comments sent to the model
    analysed: int  # comments the model judged
    dropped_by_reason: tuple[tuple[str, int], ...] = ()  # (reason, comments), largest first
    batches: int = 0
    batches_failed: int = 0
    note: str = ""  # plain language; empty when nothing was dropped

    @property
    def dropped(self) -> int:
        return self.sent - self.analysed


@dataclass(frozen=True, slots=True)
class CommentsAnalysis:
    total_comments: int
    analyzed_comments: int
    sentiment: SentimentShares
    like_weighted_sentiment: SentimentShares
    themes: tuple[Theme, ...]
    questions: tuple[CommentRef, ...]
    spam_share: float
    spam_comment_ids: tuple[str, ...]
    language_mix: tuple[LanguageShare, ...]
    top_comments: tuple[CommentRef, ...]
    notes: tuple[str, ...] = field(default=())
    toxicity: ToxicityShares = field(default_factory=ToxicityShares)
    requests: tuple[CommentRef, ...] = ()  # viewers asking for a video, a topic, a change
    sentiment_over_time: tuple[SentimentPeriod, ...] = ()  # oldest first
    disagreements: tuple[Disagreement, ...] = ()
    coverage: CommentsCoverage | None = None  # set by engines that send comments in batches
    labels_page: LabelsPage | None = None  # set when the request asked for labels
