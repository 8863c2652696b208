"""The Gemini summary engine."""

from services.summary.engines.gemini.engine import GeminiSummaryEngine

__all__ = ["GeminiSummaryEngine"]
