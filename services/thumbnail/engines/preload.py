"""Imported once by the worker pool's fork server (tubelens.workers), before it forks a worker:
OpenCV, tesseract's English and Korean models and the face detectors load here, so every worker
starts warm and shares their memory."""

from services.thumbnail.engines.local import review_thumbnail  # noqa: F401
from services.thumbnail.engines.local.jobs import pixels_job  # noqa: F401  (the gemini engine's)
from tubelens.vision import faces, ocr

ocr.warm_up()
faces.warm_up()
