"""The thumbnail engines behind one small interface; `build_engine` picks one from settings."""

from __future__ import annotations

from typing import Protocol

from services.thumbnail.domain import ThumbnailRequest, ThumbnailReview
from tubelens.domain import Provenance
from tubelens.settings import ServiceSettings
from tubelens.workers import Offload, in_thread

# Modules the worker processes load before their first job (see tubelens.workers).
WORKER_PRELOAD = ("services.thumbnail.engines.preload",)


class ThumbnailEngine(Protocol):
    async def analyze(self, request: ThumbnailRequest) -> tuple[ThumbnailReview, Provenance]: ...


def build_engine(settings: ServiceSettings, offload: Offload = in_thread) -> ThumbnailEngine:
    engine = settings.require_engine("thumbnail", supported=("local", "gemini"))
    if engine == "gemini":  # the caller checks credentials now, before the server listens
        from services.thumbnail.engines.gemini import GeminiThumbnailEngine
        from tubelens.gemini import process_caller

        return GeminiThumbnailEngine(process_caller(), offload)
    from services.thumbnail.engines.local import LocalThumbnailEngine

    return LocalThumbnailEngine(offload)
