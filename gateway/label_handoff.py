"""The comments task's per-comment labels, handed to the summary task of the same analysis.

Why the gateway hands them over: the comment-section summary needs exactly what the comments
analysis reads from each comment (sentiment, spam, question, request, language), and reading a
comment is the costliest step of both. When one analysis computes both tasks, the comments task
asks its service for every label, the summary request carries them, and each comment is read
once. The summary then waits for the comments answer (its own inputs and call start as soon as
that answer is in); it waits for nothing when the comments task is not computed in the same
call (not asked for, or served from the result cache), nor unless both services are known to
answer with the local engine (seen in an earlier answer to this gateway: the Gemini comments
engine leaves toxicity and requests unset, and the Gemini summary writes its comment section
with the model, so the labels would not be used; the first analysis after a start therefore
reads the comments in both services, and every later one once), and
it goes on reading the comments itself when the comments task fails or returns no complete
labels. The caller still gets only the page of labels it asked for (none unless asked).
"""

from __future__ import annotations

import asyncio
from typing import Any

from tubelens import convert
from tubelens.v1 import comments_pb2, common_pb2

# The engine (common_pb2.Engine) of each service's latest answer to this gateway process.
_engines: dict[str, int] = {}


def note_engine(service: str, engine: int) -> None:
    _engines[service] = engine


def worth_handing_over() -> bool:
    """Whether the labels are worth waiting for: both services last answered with the local
    engine. (Waiting on a guess made the Gemini path's summary start late, after the comments
    call, for labels it cannot use.)"""
    return all(_engines.get(name) == common_pb2.ENGINE_LOCAL for name in ("summary", "comments"))


class LabelHandoff:
    """Set once by the comments task (with its labels, or None), read by the summary task."""

    def __init__(self) -> None:
        self._labels: asyncio.Future[list[Any] | None] = asyncio.get_running_loop().create_future()

    def settle(self, labels: list[Any] | None) -> None:
        if not self._labels.done():
            self._labels.set_result(labels)

    async def labels(self) -> list[Any] | None:
        return await asyncio.shield(self._labels)  # one waiter leaving must not cancel it


def labels_to_ask(
    wanted: tuple[int, int] | None, handoff: LabelHandoff | None, comments: int
) -> comments_pb2.CommentLabelsOptions | None:
    """What the comments request asks for: every label when they are handed over (and fit in
    one answer), else the caller's page, else none."""
    if handoff is not None and comments <= convert.MAX_COMMENT_LABELS:
        return comments_pb2.CommentLabelsOptions(include=True, limit=max(comments, 1))
    if handoff is not None:
        handoff.settle(None)  # too many for one answer: the summary reads them itself
    if wanted is None:
        return None
    offset, limit = wanted
    return comments_pb2.CommentLabelsOptions(include=True, offset=offset, limit=limit)


def hand_over(
    result: comments_pb2.CommentsResult,
    wanted: tuple[int, int] | None,
    handoff: LabelHandoff | None,
) -> None:
    """Hands every label to the summary, then leaves in `result` only the caller's page."""
    if handoff is None:
        return
    # Copied out before the result is cut: the summary request copies them again anyway.
    holder = comments_pb2.CommentsResult(comment_labels=result.comment_labels)
    labels = list(holder.comment_labels)
    complete = bool(labels) and result.comment_labels_page.total == len(labels)
    handoff.settle(labels if complete else None)
    del result.comment_labels[:]
    result.ClearField("comment_labels_page")
    if wanted is not None:
        offset, limit = wanted
        page = labels[offset : offset + limit]
        result.comment_labels.extend(page)
        truncated = offset + len(page) < len(labels)
        result.comment_labels_page.CopyFrom(
            comments_pb2.CommentLabelsPage(
                total=len(labels),
                offset=offset,
                truncated=truncated,
                next_offset=offset + len(page) if truncated else 0,
            )
        )
