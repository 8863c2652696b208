"""The local summary engine: extractive summaries computed on this machine, no model calls.

Sentences come from the captions (or the description when there are none); TextRank picks the
central ones, MMR keeps them varied, and TextTiling finds chapters when the uploader wrote none.
"""

from __future__ import annotations

from services.summary.domain import Summary, SummaryRequest
from services.summary.engines.local.summarizer import build_summary
from tubelens.domain import Provenance
from tubelens.workers import Offload, in_thread

ENGINE_NAME = "local"
MODEL_NAME = "tubelens-local"
PROMPT_VERSION = "summary-local-2"  # bump when the output for the same input changes


class LocalSummaryEngine:
    def __init__(self, offload: Offload = in_thread) -> None:
        self._offload = offload  # the server's worker pool; a thread in tests and tools

    async def summarize(self, request: SummaryRequest) -> tuple[Summary, Provenance]:
        summary = await self._offload(build_summary, request)
        provenance = Provenance(
            engine=ENGINE_NAME, model=MODEL_NAME, prompt_version=PROMPT_VERSION, notes=summary.notes
        )
        return summary, provenance


__all__ = ["LocalSummaryEngine"]
