"""The photo card engines behind one small interface; `build_engine` picks one from settings."""

from __future__ import annotations

from typing import Protocol

from services.photocard.domain import PhotoCard, PhotoCardRequest
from tubelens.domain import Provenance
from tubelens.settings import ServiceSettings
from tubelens.workers import Offload, in_thread

# Modules the worker processes load before their first job (see tubelens.workers).
WORKER_PRELOAD = ("services.photocard.engines.preload",)


class PhotoCardEngine(Protocol):
    async def create(self, request: PhotoCardRequest) -> tuple[PhotoCard, Provenance]: ...


def build_engine(settings: ServiceSettings, offload: Offload = in_thread) -> PhotoCardEngine:
    engine = settings.require_engine("photocard", supported=("local", "gemini"))
    if engine == "gemini":  # the caller checks credentials now, before the server listens
        from services.photocard.engines.gemini import GeminiPhotoCardEngine
        from tubelens.gemini import process_caller

        return GeminiPhotoCardEngine(process_caller(), offload)
    from services.photocard.engines.local import LocalPhotoCardEngine

    return LocalPhotoCardEngine(offload)
