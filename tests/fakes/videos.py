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
    grain: str = "moving",
) -> Path:
    """An MPEG-4 video with one shot per colour.

    grain "moving" draws new noise every frame, which the codec cannot compress (a 4-minute
    640x360 film is ~350 MB); "still" keeps one texture per shot, which compresses to a bitrate
    like a real upload's while decoding costs the same."""
    width, height = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, size)
    rng = np.random.default_rng(7)
    for colour in colours:
        frame = None
        for _ in range(round(seconds_per_shot * fps)):
            if frame is None or grain == "moving":
                frame = _textured_frame(rng, colour, width, height)
            writer.write(frame)
    writer.release()
    return path


def _textured_frame(
    rng: np.random.Generator, colour: tuple[int, int, int], width: int, height: int
) -> np.ndarray:
    frame = np.empty((height, width, 3), np.uint8)
    frame[:] = colour
    noise = rng.integers(-25, 25, (height, width, 1), dtype=np.int16)
    frame = np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    box = (width * 5 // 16, height * 5 // 18), (width * 11 // 16, height * 13 // 18)
    cv2.rectangle(frame, *box, (250, 250, 250), -1)
    return frame
