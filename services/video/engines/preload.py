"""Imported once by the worker pool's fork server (tubelens.workers), before it forks a worker:
PyAV, FFmpeg's libraries and OpenCV load here, so every worker starts warm."""

import av  # noqa: F401

from tubelens.vision.stills import video_digest  # noqa: F401
