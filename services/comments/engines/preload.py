"""Imported once by the worker pool's fork server (tubelens.workers), before it forks a worker:
the comments engine's code and the text models load here, so every worker starts warm and shares
their memory."""

from services.comments.engines.gemini.preparation import screen_with_languages  # noqa: F401
from services.comments.engines.local.analysis import analyze_comments  # noqa: F401
from tubelens.text import warm_up

warm_up()
