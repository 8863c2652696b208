"""The thumbnail engines behind one small interface; `build_engine` picks one from settings."""

from __future__ import annotations

from typing import Protocol

from services.thumbnail.domain import ThumbnailRequest, ThumbnailReview
from tubelens.domain import Provenance
from tubelens.settings import ServiceSettings


class ThumbnailEngine(Protocol):
    async def analyze(self, request: ThumbnailRequest) -> tuple[ThumbnailReview, Provenance]: ...


def build_engine(settings: ServiceSettings) -> ThumbnailEngine:
    from services.thumbnail.engines.local import LocalThumbnailEngine

    settings.require_engine("thumbnail", supported=("local",))
    return LocalThumbnailEngine()
