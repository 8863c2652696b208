"""Shot boundaries and candidate stills of a video, in one decoding pass.

A cut is where the picture's content changes at once: the mean absolute difference of hue,
saturation and value between neighbouring decoded frames (the content score that
PySceneDetect's ContentDetector also uses, computed on a 128x72 copy) jumps over CUT_SCORE,
at least MIN_SHOT_SECONDS after the previous cut. Alongside, the pass keeps the best-looking
frame (sharp, colourful, well exposed) of every shot and of every WINDOW_SECONDS within a long
shot: the candidates key frames and thumbnail suggestions are chosen from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from tubelens.errors import InvalidInput
from tubelens.vision.video_frames import MAX_VIDEO_SECONDS, Frame, frames
from tubelens.vision.video_types import Shot

CUT_SCORE = 27.0  # mean |ΔH|,|ΔS|,|ΔV| (OpenCV 8-bit HSV), averaged over the three
MIN_SHOT_SECONDS = 0.6
WINDOW_SECONDS = 10.0
SCORE_SIZE = (128, 72)
STILL_EVERY = 0.25  # seconds between frames rated as stills (rating costs more than cutting)
# Candidate stills kept at once (320x180 each, ~170 KB): a long or cut-heavy video would
# otherwise hold one per shot; beyond this, neighbours are thinned to the better of each pair.
MAX_CANDIDATES = 512


@dataclass(frozen=True, slots=True)
class Still:
    time: float
    image: np.ndarray  # BGR
    sharpness: float  # variance of the Laplacian, 0..~2000
    colorfulness: float  # Hasler-Süsstrunk
    brightness: float  # mean luma 0..1

    @property
    def quality(self) -> float:
        """0..1: sharp, colourful and neither dark nor washed out (fades and blur score low)."""
        sharp = min(1.0, np.log1p(self.sharpness) / np.log1p(600.0))
        colour = min(1.0, self.colorfulness / 80.0)
        exposure = 1.0 - min(1.0, abs(self.brightness - 0.5) / 0.45)
        return float(0.5 * sharp + 0.3 * colour + 0.2 * exposure)


@dataclass(frozen=True, slots=True)
class VideoScan:
    duration: float
    shots: tuple[Shot, ...]
    stills: tuple[Still, ...]  # best still per shot and per window, in time order


def scan_video(path: Path, max_seconds: float = MAX_VIDEO_SECONDS) -> VideoScan:
    """Shots and candidate stills of the first `max_seconds` of the video file at `path`."""
    return scan_frames(frames(path, max_seconds=max_seconds))


def scan_frames(sequence: Iterable[Frame]) -> VideoScan:
    """The same from any ordered frames (a decoder, or frames a test made)."""
    cuts: list[float] = [0.0]
    best: dict[tuple[int, int], Still] = {}
    previous: np.ndarray | None = None
    last_time, rated = 0.0, -STILL_EVERY
    for frame in sequence:
        hsv = cv2.cvtColor(
            cv2.resize(frame.image, SCORE_SIZE, interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2HSV
        ).astype(np.int16)
        if previous is not None:
            score = float(np.abs(hsv - previous).mean())
            if score >= CUT_SCORE and frame.time - cuts[-1] >= MIN_SHOT_SECONDS:
                cuts.append(frame.time)
        previous, last_time = hsv, frame.time
        if frame.time - rated < STILL_EVERY and cuts[-1] != frame.time:
            continue
        rated = frame.time
        key = (len(cuts) - 1, int((frame.time - cuts[-1]) // WINDOW_SECONDS))
        still = _still(frame)
        if key not in best or still.quality > best[key].quality:
            best[key] = still
            if len(best) > MAX_CANDIDATES:
                best = _thinned(best)
    if previous is None:
        raise InvalidInput("The video has no decodable frames.", reason="INVALID_VIDEO")
    ends = [*cuts[1:], last_time]
    shots = tuple(Shot(round(a, 3), round(b, 3)) for a, b in zip(cuts, ends, strict=True))
    stills = tuple(sorted(best.values(), key=lambda s: s.time))
    return VideoScan(duration=round(last_time, 3), shots=shots, stills=stills)


def _thinned(best: dict[tuple[int, int], Still]) -> dict[tuple[int, int], Still]:
    """Half the candidates: of each two neighbours in time, the better (ties: the earlier)."""
    ordered = sorted(best.items(), key=lambda item: item[1].time)
    pairs = (ordered[i : i + 2] for i in range(0, len(ordered), 2))
    return dict(max(pair, key=lambda item: item[1].quality) for pair in pairs)


def _still(frame: Frame) -> Still:
    gray = cv2.cvtColor(frame.image, cv2.COLOR_BGR2GRAY)
    b, g, r = (frame.image[:, :, i].astype(np.float32) for i in range(3))
    rg, yb = r - g, 0.5 * (r + g) - b
    colour = float(np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean()))
    return Still(
        time=round(frame.time, 3),
        image=frame.image,
        sharpness=float(cv2.Laplacian(gray, cv2.CV_32F).var()),
        colorfulness=colour,
        brightness=float(gray.mean()) / 255.0,
    )


def cut_times(scan: VideoScan) -> list[float]:
    """The cuts: every shot's start except the first."""
    return [shot.start for shot in scan.shots[1:]]
