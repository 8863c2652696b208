"""The summary engines behind one small interface; `build_engine` picks one from settings."""

from __future__ import annotations

from typing import Protocol

from services.summary.domain import Summary, SummaryRequest
from tubelens.domain import Provenance
from tubelens.settings import ServiceSettings


class SummaryEngine(Protocol):
    async def summarize(self, request: SummaryRequest) -> tuple[Summary, Provenance]: ...


def build_engine(settings: ServiceSettings) -> SummaryEngine:
    engine = settings.require_engine("summary", supported=("local", "gemini"))
    if engine == "gemini":  # the caller checks credentials now, before the server listens
        from services.summary.engines.gemini import GeminiSummaryEngine
        from tubelens.gemini import process_caller

        return GeminiSummaryEngine(process_caller())
    from services.summary.engines.local import LocalSummaryEngine

    return LocalSummaryEngine()
