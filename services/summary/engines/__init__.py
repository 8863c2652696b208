"""The summary engines behind one small interface; `build_engine` picks one from settings."""

from __future__ import annotations

from typing import Protocol

from services.summary.domain import Summary, SummaryRequest
from tubelens.domain import Provenance
from tubelens.settings import ServiceSettings
from tubelens.workers import Offload, in_thread

# Modules the worker processes load before their first job (see tubelens.workers).
WORKER_PRELOAD = ("services.summary.engines.preload",)


class SummaryEngine(Protocol):
    async def summarize(self, request: SummaryRequest) -> tuple[Summary, Provenance]: ...


def build_engine(settings: ServiceSettings, offload: Offload = in_thread) -> SummaryEngine:
    engine = settings.require_engine("summary", supported=("local", "gemini"))
    if engine == "gemini":  # the caller checks credentials now, before the server listens
        from services.summary.engines.gemini import GeminiSummaryEngine
        from tubelens.gemini import process_caller

        return GeminiSummaryEngine(process_caller(), offload)
    from services.summary.engines.local import LocalSummaryEngine

    return LocalSummaryEngine(offload)
