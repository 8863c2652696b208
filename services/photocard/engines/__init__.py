"""The photo card engines behind one small interface; `build_engine` picks one from settings."""

from __future__ import annotations

from typing import Protocol

from services.photocard.domain import PhotoCard, PhotoCardRequest
from tubelens.domain import Provenance
from tubelens.settings import ServiceSettings


class PhotoCardEngine(Protocol):
    async def create(self, request: PhotoCardRequest) -> tuple[PhotoCard, Provenance]: ...


def build_engine(settings: ServiceSettings) -> PhotoCardEngine:
    from services.photocard.engines.local import LocalPhotoCardEngine

    settings.require_engine("photocard", supported=("local",))
    return LocalPhotoCardEngine()
