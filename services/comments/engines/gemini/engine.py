"""The Gemini comments engine: prepare locally, judge in concurrent batches, merge in code.

Sentiment is judged per real comment, so like-weighted figures and quoted examples always come
from comments that exist; spam, duplicates and languages are found locally.
"""

from __future__ import annotations

from pathlib import Path

from google.genai import types

from services.comments.domain import CommentsAnalysis, CommentsRequest
from services.comments.engines.gemini import merge
from services.comments.engines.gemini.schema import CommentsBatchOut
from tubelens.domain import Comment, Provenance
from tubelens.errors import FailedPrecondition
from tubelens.gemini import GeminiCaller, Usage, data_block, language_tag, load_prompt
from tubelens.gemini.comment_prep import batches, comment_rows, prepare_comments
from tubelens.gemini.concurrency import gather_or_cancel
from tubelens.workers import Offload, in_thread

PROMPT = load_prompt(Path(__file__).resolve().parents[2] / "prompts" / "comments_batch.toml")
DEFAULT_THEMES = 6


class GeminiCommentsEngine:
    def __init__(self, caller: GeminiCaller, offload: Offload = in_thread) -> None:
        self._caller = caller
        self._offload = offload  # spam screening and deduplication run in the worker pool
        self._model = caller.settings.comments_model

    async def analyze(self, request: CommentsRequest) -> tuple[CommentsAnalysis, Provenance]:
        settings = self._caller.settings
        prepared = await self._offload(
            prepare_comments, request.comments, settings.comment_token_budget
        )
        if not prepared.kept:
            raise FailedPrecondition(
                "There are no comments to analyse (none were sent, or all were spam or empty).",
                reason="NO_COMMENTS",
            )
        max_themes = request.max_themes or DEFAULT_THEMES
        groups = batches(prepared.kept, settings.comment_batch_tokens)
        answers = await gather_or_cancel(
            *(self._judge(group, language_tag(request.language), max_themes) for group in groups)
        )
        usage = sum((u for _, u in answers), Usage())
        outs = [out for out, _ in answers]
        by_id = {comment.id: comment for comment in prepared.kept}
        sentiment, question_ids = merge.judgements(outs, by_id)
        notes = list(prepared.notes())
        if len(groups) > 1:
            notes.append(f"The comments were analysed in {len(groups)} batches and merged.")
        if missing := len(by_id) - len(sentiment):
            notes.append(f"The model did not judge {missing} comment(s); they are not counted.")
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
            language_mix=merge.language_mix(judged),
            top_comments=merge.refs(sentiment, by_id, sentiment, merge.MAX_TOP_COMMENTS),
            notes=tuple(notes),
        )
        provenance = Provenance("gemini", self._model, PROMPT.version, notes=tuple(notes))
        return analysis, usage.stamp(provenance)

    async def _judge(
        self, group: tuple[Comment, ...], language: str, max_themes: int
    ) -> tuple[CommentsBatchOut, Usage]:
        parts = [
            types.Part(text=PROMPT.render(language=language, max_themes=max_themes)),
            types.Part(text=data_block("comments", comment_rows(group))),
        ]
        return await self._caller.structured(self._model, PROMPT, parts, CommentsBatchOut)
