"""Small video files made here for tests: coloured, textured shots, so each change is a cut."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

COLOURS = ((30, 210, 230), (130, 30, 10), (60, 200, 60))  # BGR: yellow, dark blue, green


def write_video(
    path: Path,
    seconds_per_shot: float = 1.5,
    fps: int = 10,
    colours: tuple[tuple[int, int, int], ...] = COLOURS,
    size: tuple[int, int] = (320, 180),
) -> Path:
    """An MPEG-4 video with one shot per colour."""
    width, height = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, size)
    rng = np.random.default_rng(7)
    for colour in colours:
        for _ in range(round(seconds_per_shot * fps)):
            frame = np.empty((height, width, 3), np.uint8)
            frame[:] = colour
            noise = rng.integers(-25, 25, (height, width, 1), dtype=np.int16)
            frame = np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8)
            box = (width * 5 // 16, height * 5 // 18), (width * 11 // 16, height * 13 // 18)
            cv2.rectangle(frame, *box, (250, 250, 250), -1)
            writer.write(frame)
    writer.release()
    return path
