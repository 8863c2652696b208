"""The comments engine that runs on this machine: lexicons, rules and scikit-learn, no network."""

from services.comments.engines.local.engine import LocalCommentsEngine

__all__ = ["LocalCommentsEngine"]
