"""The Gemini thumbnail engine."""

from services.thumbnail.engines.gemini.engine import GeminiThumbnailEngine

__all__ = ["GeminiThumbnailEngine"]
