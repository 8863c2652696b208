"""The comment-analysis engines behind one small interface; `build_engine` picks one."""

from __future__ import annotations

from typing import Protocol

from services.comments.domain import CommentsAnalysis, CommentsRequest
from tubelens.domain import Provenance
from tubelens.settings import ServiceSettings
from tubelens.workers import Offload, in_thread

# Modules the worker processes load before their first job (see tubelens.workers).
WORKER_PRELOAD = ("services.comments.engines.preload",)


class CommentsEngine(Protocol):
    async def analyze(self, request: CommentsRequest) -> tuple[CommentsAnalysis, Provenance]: ...


def build_engine(settings: ServiceSettings, offload: Offload = in_thread) -> CommentsEngine:
    engine = settings.require_engine("comments", supported=("local", "gemini"))
    if engine == "gemini":  # the caller checks credentials now, before the server listens
        from services.comments.engines.gemini import GeminiCommentsEngine
        from tubelens.gemini import process_caller

        return GeminiCommentsEngine(process_caller(), offload)
    from services.comments.engines.local import LocalCommentsEngine

    return LocalCommentsEngine(offload)
