"""LocalCommentsEngine: the CommentsEngine protocol over the local analysis."""

from __future__ import annotations

import asyncio

from services.comments.domain import CommentsAnalysis, CommentsRequest
from services.comments.engines.local.analysis import analyze_comments
from tubelens.domain import Provenance
from tubelens.text import warm_up

ENGINE_NAME = "local"
MODEL_NAME = "tubelens-local"
PROMPT_VERSION = "comments-local-2"  # bump when the output for the same input changes


class LocalCommentsEngine:
    def __init__(self) -> None:
        warm_up()

    async def analyze(self, request: CommentsRequest) -> tuple[CommentsAnalysis, Provenance]:
        # Sentiment, spam rules and clustering are CPU work: keep the event loop free.
        analysis = await asyncio.to_thread(analyze_comments, request)
        provenance = Provenance(
            engine=ENGINE_NAME,
            model=MODEL_NAME,
            prompt_version=PROMPT_VERSION,
            notes=analysis.notes,
        )
        return analysis, provenance
