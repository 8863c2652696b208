"""The comment-section part of the summary: what viewers say, quoted from real comments.

The comments go in parts of bounded size, each summarised on its own, so one comment the model
blocks costs its part, not the whole summary; with more than one part answered, one small call
combines the part summaries. Quotes are picked in code from the parts' real comment ids.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from google.genai import types
from pydantic import BaseModel, Field

from services.summary.domain import CommentSectionSummary, SummaryRequest
from services.summary.engines.gemini.results import comment_section_of
from services.summary.engines.gemini.schema import CommentSectionOut
from tubelens.domain import Comment
from tubelens.errors import TubeLensError
from tubelens.gemini import GeminiCaller, Usage, data_block, load_prompt, usage_of_error
from tubelens.gemini.comment_prep import (
    batches,
    comment_rows,
    prepared_from,
    screen,
    screening_rows,
)
from tubelens.gemini.concurrency import gather_or_cancel
from tubelens.workers import Offload, in_thread

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
COMMENTS_PROMPT = load_prompt(PROMPTS / "comment_section.toml")
COMBINE_PROMPT = load_prompt(PROMPTS / "comment_section_combine.toml")
MAX_TOPICS = 5


class CombinedOut(BaseModel):
    text: str = Field(min_length=1)
    topics: list[str]


@dataclass(frozen=True, slots=True)
class _Part:
    comments: tuple[Comment, ...]
    usage: Usage
    out: CommentSectionOut | None = None
    error: TubeLensError | None = None


async def summarize_comment_section(
    caller: GeminiCaller,
    model: str,
    request: SummaryRequest,
    language: str,
    offload: Offload = in_thread,
) -> tuple[CommentSectionSummary | None, Usage, tuple[str, ...]]:
    """The comment summary (None when there is none), its usage, and notes.

    A failure here is a note, not an error: the video summary stands without it. Usage counts
    every call made, failed ones included when their error reports them.
    """
    if not request.comments:
        return None, Usage(), ()
    settings = caller.settings
    # Only what is sent matters here (the comments task reports spam): screening stops once
    # the budget is full. The worker gets plain rows and returns positions (see comment_prep).
    screened = await offload(
        partial(screen, screen_all=False),
        screening_rows(request.comments),
        settings.comment_section_token_budget,
    )
    prepared = prepared_from(request.comments, screened)
    if not prepared.kept:
        return None, Usage(), ("Every comment was spam or empty; no comment summary.",)
    groups = batches(prepared.kept, settings.comment_section_part_tokens, prepared.kept_tokens)
    parts: list[_Part] = await gather_or_cancel(
        *(_summarise_part(caller, model, group, language) for group in groups)
    )
    usage = sum((part.usage for part in parts), Usage())
    answered = [part for part in parts if part.out is not None]
    failed = [part for part in parts if part.error is not None]
    if not answered:
        message = failed[0].error.message if failed[0].error else "no answer"
        return None, usage, (f"The comment section was not summarised: {message}",)
    considered = tuple(comment for part in answered for comment in part.comments)
    notes = list(prepared.notes())
    if len(answered) == 1:
        out = answered[0].out
        assert out is not None
    else:
        out, combine_usage, combine_notes = await _combine(caller, model, answered, language)
        usage += combine_usage
        notes += combine_notes
    if len(groups) > 1:
        notes.insert(0, f"The comment section was summarised in {len(groups)} parts.")
    if failed:
        notes.append(_dropped_note(failed, len(groups), len(considered)))
    summary, id_notes = comment_section_of(out, considered)
    return summary, usage, (*notes, *id_notes)


async def _summarise_part(
    caller: GeminiCaller, model: str, comments: tuple[Comment, ...], language: str
) -> _Part:
    parts = [
        types.Part(text=COMMENTS_PROMPT.render(language=language)),
        types.Part(text=data_block("comments", comment_rows(comments))),
    ]
    try:
        out, usage = await caller.structured(model, COMMENTS_PROMPT, parts, CommentSectionOut)
    except TubeLensError as exc:
        return _Part(comments, usage_of_error(exc) or Usage(), error=exc)
    return _Part(comments, usage, out=out)


async def _combine(
    caller: GeminiCaller, model: str, answered: list[_Part], language: str
) -> tuple[CommentSectionOut, Usage, list[str]]:
    """One summary from the parts' summaries; quotes are the most liked of the parts' picks."""
    rows = [
        {
            "part": n,
            "comments": len(part.comments),
            "text": part.out.text,
            "topics": part.out.topics,
        }
        for n, part in enumerate(answered, 1)
        if part.out is not None
    ]
    outs = [part.out for part in answered if part.out is not None]
    likes = {comment.id: comment.like_count for part in answered for comment in part.comments}
    prompt_parts = [
        types.Part(text=COMBINE_PROMPT.render(language=language)),
        types.Part(text=data_block("comment_section_parts", rows)),
    ]
    notes: list[str] = []
    try:
        combined, usage = await caller.structured(model, COMBINE_PROMPT, prompt_parts, CombinedOut)
        text, topics = combined.text, combined.topics
    except TubeLensError as exc:
        # The first part holds the most-liked comments: its summary is the best single stand-in.
        usage, text = usage_of_error(exc) or Usage(), outs[0].text
        topics = [
            topic for topic, _ in Counter(t for out in outs for t in out.topics).most_common()
        ]
        notes.append(
            f"The part summaries could not be combined ({exc.message}); the text summarises "
            "the most-liked comments only."
        )

    def most_liked(ids: list[str]) -> list[str]:
        # Unknown ids rank last and are then dropped (and noted) by comment_section_of.
        return sorted(dict.fromkeys(ids), key=lambda i: -likes.get(i, -1))

    out = CommentSectionOut(
        text=text,
        topics=topics[:MAX_TOPICS],
        praise_ids=most_liked([i for out in outs for i in out.praise_ids]),
        criticism_ids=most_liked([i for out in outs for i in out.criticism_ids]),
        question_ids=most_liked([i for out in outs for i in out.question_ids]),
    )
    return out, usage, notes


def _dropped_note(failed: list[_Part], parts: int, considered: int) -> str:
    lost = sum(len(part.comments) for part in failed)
    by_cause = Counter(_cause(part.error) for part in failed if part.error is not None)
    causes = "; ".join(
        cause.format(parts=f"{n} part" + ("s" if n > 1 else "")) for cause, n in by_cause.items()
    )
    return (
        f"{lost:,} of {lost + considered:,} comments ({len(failed)} of {parts} parts) were left "
        f"out of the comment summary: {causes}. It is drawn from the other {considered:,}."
    )


def _cause(error: TubeLensError) -> str:
    """What happened to a part, with a `{parts}` slot for how many it happened to."""
    if error.reason == "MODEL_BLOCKED":
        meta = error.metadata
        why = meta.get("block_reason") or meta.get("finish_reason") or "safety"
        return f"Gemini blocked {{parts}} for {why}"
    if error.reason == "MODEL_OUTPUT_INVALID":
        return "Gemini's answer for {parts} was unusable even when asked again"
    if error.reason == "GEMINI_UNAVAILABLE":
        return "Gemini was unavailable for {parts}"
    return f"{{parts}} failed ({error.reason})"
