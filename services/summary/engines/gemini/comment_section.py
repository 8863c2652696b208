"""The comment-section part of the summary: what viewers say, quoted from real comments."""

from __future__ import annotations

from pathlib import Path

from google.genai import types

from services.summary.domain import CommentSectionSummary, SummaryRequest
from services.summary.engines.gemini.results import comment_section_of
from services.summary.engines.gemini.schema import CommentSectionOut
from tubelens.errors import TubeLensError
from tubelens.gemini import GeminiCaller, Usage, data_block, load_prompt
from tubelens.gemini.comment_prep import comment_rows, prepare_comments
from tubelens.workers import Offload, in_thread

COMMENTS_PROMPT = load_prompt(Path(__file__).resolve().parents[2] / "prompts/comment_section.toml")


async def summarize_comment_section(
    caller: GeminiCaller,
    model: str,
    request: SummaryRequest,
    language: str,
    offload: Offload = in_thread,
) -> tuple[CommentSectionSummary | None, Usage, tuple[str, ...]]:
    """The comment summary (None when there is none), its usage, and notes.

    A failure here is a note, not an error: the video summary stands without it.
    """
    if not request.comments:
        return None, Usage(), ()
    budget = caller.settings.comment_token_budget
    prepared = await offload(prepare_comments, request.comments, budget)
    if not prepared.kept:
        return None, Usage(), ("Every comment was spam or empty; no comment summary.",)
    parts = [
        types.Part(text=COMMENTS_PROMPT.render(language=language)),
        types.Part(text=data_block("comments", comment_rows(prepared.kept))),
    ]
    try:
        out, usage = await caller.structured(model, COMMENTS_PROMPT, parts, CommentSectionOut)
    except TubeLensError as exc:
        return None, Usage(), (f"The comment section was not summarised: {exc.message}",)
    summary, notes = comment_section_of(out, prepared.kept)
    return summary, usage, (*prepared.notes(), *notes)
