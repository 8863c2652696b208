"""Imported once by the worker pool's fork server (tubelens.workers), before it forks a worker:
the summary engine's code and the text models load here, so every worker starts warm and shares
their memory."""

from services.summary.engines.local.summarizer import build_summary  # noqa: F401
from tubelens.gemini.comment_prep import screen  # noqa: F401  (the gemini comment section's)
from tubelens.text import warm_up

warm_up()
