"""The Gemini comments engine."""

from services.comments.engines.gemini.engine import GeminiCommentsEngine

__all__ = ["GeminiCommentsEngine"]
