"""The Gemini comments engine: prepare locally, judge in concurrent batches, merge in code.

Sentiment is judged per real comment, so like-weighted figures and quoted examples always come
from comments that exist; spam, duplicates and languages are found locally. Batches stand on
their own: a failed batch is dropped and counted in the coverage, the others still count, and
the task fails only when no batch came back.
"""

from __future__ import annotations

from pathlib import Path

from google.genai import types

from services.comments.domain import CommentsAnalysis, CommentsRequest
from services.comments.engines.gemini import merge
from services.comments.engines.gemini.coverage import (
    BatchResult,
    coverage,
    most_telling,
)
from services.comments.engines.gemini.labels import gemini_labels
from services.comments.engines.gemini.preparation import prepare
from services.comments.engines.gemini.schema import CommentsBatchOut
from services.comments.labels import page_of
from tubelens.domain import Comment, Provenance
from tubelens.errors import FailedPrecondition, TubeLensError
from tubelens.gemini import (
    GeminiCaller,
    Usage,
    data_block,
    language_tag,
    load_prompt,
    usage_of_error,
)
from tubelens.gemini.comment_prep import batches, comment_rows
from tubelens.gemini.concurrency import gather_or_cancel
from tubelens.workers import Offload, in_thread

PROMPT = load_prompt(Path(__file__).resolve().parents[2] / "prompts" / "comments_batch.toml")
DEFAULT_THEMES = 6


class GeminiCommentsEngine:
    def __init__(self, caller: GeminiCaller, offload: Offload = in_thread) -> None:
        self._caller = caller
        # spam screening, deduplication and language detection run in the worker pool
        self._offload = offload
        self._model = caller.settings.comments_model

    async def analyze(self, request: CommentsRequest) -> tuple[CommentsAnalysis, Provenance]:
        settings = self._caller.settings
        prepared, language_of = await prepare(
            self._offload, request.comments, settings.comment_token_budget
        )
        if not prepared.kept:
            raise FailedPrecondition(
                "There are no comments to analyse (none were sent, or all were spam or empty).",
                reason="NO_COMMENTS",
            )
        max_themes = request.max_themes or DEFAULT_THEMES
        groups = batches(prepared.kept, settings.comment_batch_tokens, prepared.kept_tokens)
        language = language_tag(request.language)
        runs = await gather_or_cancel(
            *(self._judge_or_split(group, language, max_themes) for group in groups)
        )
        results = [result for run in runs for result in run]
        usage = sum((result.usage for result in results), Usage())
        answered = [result for result in results if result.out is not None]
        if not answered:
            error = most_telling(results)
            error.usage = usage  # what every try of every batch was billed, for the ledger
            raise error
        outs = [result.out for result in answered if result.out is not None]
        # Only comments of answered batches count: a failed batch's comments were not judged.
        by_id = {comment.id: comment for result in answered for comment in result.comments}
        sentiment, question_ids = merge.judgements(outs, by_id)
        covered = coverage(results, len(sentiment))
        notes = list(prepared.notes())
        if len(groups) > 1:
            notes.append(f"The comments were analysed in {len(groups)} batches and merged.")
        if covered.note:
            notes.append(covered.note)
        judged = [by_id[i] for i in sentiment]
        total = len(request.comments)
        analysis = CommentsAnalysis(
            total_comments=total,
            analyzed_comments=len(sentiment),
            sentiment=merge.shares(sentiment, {}),
            like_weighted_sentiment=merge.shares(
                sentiment, {c.id: 1.0 + c.like_count for c in judged}
            ),
            themes=merge.themes(outs, by_id, sentiment, max_themes),
            questions=merge.refs(question_ids, by_id, sentiment, merge.MAX_QUESTIONS),
            spam_share=len(prepared.spam_ids) / total if total else 0.0,
            spam_comment_ids=prepared.spam_ids,
            language_mix=merge.language_mix(language_of[c.text] for c in judged),
            top_comments=merge.refs(sentiment, by_id, sentiment, merge.MAX_TOP_COMMENTS),
            notes=tuple(notes),
            coverage=covered,
            labels_page=page_of(
                gemini_labels(
                    request.comments, prepared.spam_ids, language_of, sentiment, question_ids
                ),
                request.labels,
            )
            if request.labels
            else None,
        )
        provenance = Provenance("gemini", self._model, PROMPT.version, notes=tuple(notes))
        return analysis, usage.stamp(provenance)

    async def _judge_or_split(
        self, group: tuple[Comment, ...], language: str, max_themes: int
    ) -> list[BatchResult]:
        """One batch; when the model blocks it, its two halves once more, so only the half
        with the offending comment is lost (one level: at most two extra calls per block)."""
        whole = await self._try(group, language, max_themes)
        if whole.error is None or whole.error.reason != "MODEL_BLOCKED" or len(group) < 2:
            return [whole]
        middle = len(group) // 2
        halves: list[BatchResult] = await gather_or_cancel(
            self._try(group[:middle], language, max_themes),
            self._try(group[middle:], language, max_themes),
        )
        first, second = halves
        # The blocked whole was billed too: its usage rides on the first half.
        first = BatchResult(first.comments, whole.usage + first.usage, first.out, first.error)
        return [first, second]

    async def _try(self, group: tuple[Comment, ...], language: str, max_themes: int) -> BatchResult:
        try:
            out, usage = await self._judge(group, language, max_themes)
        except TubeLensError as exc:
            return BatchResult(group, usage_of_error(exc) or Usage(), error=exc)
        return BatchResult(group, usage, out=out)

    async def _judge(
        self, group: tuple[Comment, ...], language: str, max_themes: int
    ) -> tuple[CommentsBatchOut, Usage]:
        parts = [
            types.Part(text=PROMPT.render(language=language, max_themes=max_themes)),
            types.Part(text=data_block("comments", comment_rows(group))),
        ]
        return await self._caller.structured(self._model, PROMPT, parts, CommentsBatchOut)
