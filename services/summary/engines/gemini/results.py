"""The model's structured answers turned into the summary's domain types, checked."""

from __future__ import annotations

from services.summary.domain import (
    Chapter,
    ChapterOrigin,
    CommentSectionSummary,
    KeyPoint,
    Summary,
    SummaryRequest,
    SummarySource,
)
from services.summary.engines.gemini.schema import CommentSectionOut, SummaryOut
from tubelens.domain import Comment
from tubelens.gemini.timeline import check_offsets

MAX_QUOTES = 3


def key_points_of(
    out: SummaryOut, duration: float, allowed: frozenset[SummarySource], fallback: SummarySource
) -> tuple[tuple[KeyPoint, ...], list[str]]:
    """Key points in time order; a source that was not given to the model becomes `fallback`."""
    kept, notes = check_offsets(out.key_points, lambda p: p.start_seconds, duration, "key points")
    points = []
    for point, start in kept:
        source = SummarySource(point.source)
        source = source if source in allowed else fallback
        points.append(KeyPoint(point.text.strip(), start, source))
    return tuple(sorted(points, key=lambda p: p.start)), notes


def chapters_of(out: SummaryOut, duration: float) -> tuple[tuple[Chapter, ...], list[str]]:
    """Chapters in time order, one per start, each ending where the next begins."""
    kept, notes = check_offsets(out.chapters, lambda c: c.start_seconds, duration, "chapters")
    by_start: dict[float, str] = {}
    for chapter, start in sorted(kept, key=lambda pair: pair[1]):
        by_start.setdefault(round(start, 1), chapter.title.strip())
    starts = list(by_start)
    if not starts:
        return (), notes
    ends = [*starts[1:], duration if duration > 0 else starts[-1]]
    chapters = tuple(
        Chapter(by_start[start], start, max(end, start))
        for start, end in zip(starts, ends, strict=True)
    )
    return chapters, notes


def chapter_origin(chapters: tuple[Chapter, ...]) -> ChapterOrigin:
    return ChapterOrigin.MODEL if chapters else ChapterOrigin.NONE


def comment_section_of(
    out: CommentSectionOut, comments: tuple[Comment, ...]
) -> tuple[CommentSectionSummary, list[str]]:
    """Quotes come from the real comments the ids name; unknown ids are dropped and noted."""
    by_id = {comment.id: comment for comment in comments}
    unknown = 0

    def quotes(ids: list[str]) -> tuple[str, ...]:
        nonlocal unknown
        real = [by_id[i].text for i in dict.fromkeys(ids) if i in by_id]
        unknown += len(set(ids) - by_id.keys())
        return tuple(real[:MAX_QUOTES])

    summary = CommentSectionSummary(
        text=out.text.strip(),
        topics=tuple(topic.strip() for topic in out.topics if topic.strip())[:5],
        praise=quotes(out.praise_ids),
        criticism=quotes(out.criticism_ids),
        questions=quotes(out.question_ids),
        comments_considered=len(comments),
    )
    if not unknown:
        return summary, []
    return summary, [f"{unknown} comment id(s) the model named do not exist and were ignored."]


def build_summary(
    out: SummaryOut,
    request: SummaryRequest,
    allowed: frozenset[SummarySource],
    source: SummarySource,
    plan_notes: tuple[str, ...],
) -> Summary:
    duration = request.video.duration_seconds
    points, point_notes = key_points_of(out, duration, allowed, source)
    chapters, chapter_notes = chapters_of(out, duration)
    return Summary(
        tldr=out.tldr.strip(),
        key_points=points,
        chapters=chapters,
        chapter_origin=chapter_origin(chapters),
        source=source,
        language=out.language or request.language,
        notes=(*plan_notes, *point_notes, *chapter_notes),
    )
