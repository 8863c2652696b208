"""The Gemini photo card engine."""

from services.photocard.engines.gemini.engine import GeminiPhotoCardEngine

__all__ = ["GeminiPhotoCardEngine"]
