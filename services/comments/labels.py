"""Per-comment labels: what the analysis read from each comment, and one page of them.

The local analysis builds its aggregates from these labels (services.comments.engines.local.
analysis), so the labels a caller receives always add up to the shares it receives. A label
field the engine does not judge stays None (the Gemini engine has no toxicity, say).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.comments.domain import Sentiment
from tubelens.text import Toxicity
from tubelens.text.labels import TextLabels

FLOOD = "flood"  # spam reason: one text pasted by several authors (screening.py)


@dataclass(frozen=True, slots=True)
class CommentLabel:
    comment_id: str
    language: str = ""  # "" when not detected
    sentiment: Sentiment | None = None
    score: float | None = None  # valence in [-1, 1]
    toxicity: Toxicity | None = None
    spam_reasons: tuple[str, ...] = ()  # empty: not spam
    is_question: bool | None = None
    is_request: bool | None = None
    analyzed: bool = False  # counted in the aggregates (not spam, not a repeat)

    @property
    def spam(self) -> bool:
        return bool(self.spam_reasons)


@dataclass(frozen=True, slots=True)
class LabelsWanted:
    """Which page of labels the caller asked for (already validated)."""

    offset: int = 0
    limit: int = 0  # at least 1


@dataclass(frozen=True, slots=True)
class LabelsPage:
    labels: tuple[CommentLabel, ...]
    total: int  # labels there are in all (the comments in the request)
    offset: int

    @property
    def truncated(self) -> bool:
        return self.offset + len(self.labels) < self.total

    @property
    def next_offset(self) -> int:
        return self.offset + len(self.labels) if self.truncated else 0


def label_of(
    comment_id: str, text: TextLabels, *, analyzed: bool, extra_reasons: tuple[str, ...] = ()
) -> CommentLabel:
    """A comment's label from the text layer's reading; `extra_reasons` are spam found across
    comments (a flood), which one text alone cannot show."""
    return CommentLabel(
        comment_id=comment_id,
        language=text.language,
        sentiment=Sentiment(text.polarity.value),
        score=text.score,
        toxicity=text.toxicity,
        spam_reasons=tuple(dict.fromkeys((*text.spam_reasons, *extra_reasons))),
        is_question=text.is_question,
        is_request=text.is_request,
        analyzed=analyzed,
    )


def page_of(labels: Sequence[CommentLabel], wanted: LabelsWanted | None) -> LabelsPage | None:
    """The requested page of `labels` (all of them, in request order); None when not asked."""
    if wanted is None:
        return None
    chosen = labels[wanted.offset : wanted.offset + wanted.limit]
    return LabelsPage(tuple(chosen), len(labels), wanted.offset)
