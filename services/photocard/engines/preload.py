"""Imported once by the worker pool's fork server (tubelens.workers), before it forks a worker:
OpenCV, the face detectors and the card fonts load here, so every worker starts warm."""

from services.photocard.engines.local import create_card  # noqa: F401
from services.photocard.engines.local.fonts import REGULAR, drawable
from tubelens.vision import faces

faces.warm_up()
drawable("TubeLens 튜브렌즈", REGULAR)
