"""LocalCommentsEngine: the CommentsEngine protocol over the local analysis."""

from __future__ import annotations

from services.comments.domain import CommentsAnalysis, CommentsRequest
from services.comments.engines.local.analysis import analyze_comments
from tubelens.domain import Provenance
from tubelens.workers import Offload, in_thread

ENGINE_NAME = "local"
MODEL_NAME = "tubelens-local"
PROMPT_VERSION = "comments-local-2"  # bump when the output for the same input changes


class LocalCommentsEngine:
    def __init__(self, offload: Offload = in_thread) -> None:
        self._offload = offload  # the server's worker pool; a thread in tests and tools

    async def analyze(self, request: CommentsRequest) -> tuple[CommentsAnalysis, Provenance]:
        analysis = await self._offload(analyze_comments, request)
        provenance = Provenance(
            engine=ENGINE_NAME,
            model=MODEL_NAME,
            prompt_version=PROMPT_VERSION,
            notes=analysis.notes,
        )
        return analysis, provenance
