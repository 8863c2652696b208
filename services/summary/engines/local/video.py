"""Key frames for the summary: one still per chapter, from the stills of the video's scan.

The video is scanned once by whoever holds the file (tubelens.vision.stills.video_digest: the
gateway, reading a bundle), which sends the shots and up to 48 small stills; no video travels
in a gRPC message. Each chapter gets the best still inside it (or, if none falls inside, the
one nearest its middle). Without chapters the video is cut into stretches of about a minute
(at least 4 for a video of 40 s or more, at most 12).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.summary.domain import Chapter
from tubelens.vision.video_types import EncodedStill, KeyFrame, Shot, VideoDigest

STRETCH_SECONDS = 60.0
MAX_STRETCHES = 12
MIN_STRETCHES = 4
# The file and the metadata may disagree by a rounding or an intro cut, not by more than this.
LENGTH_TOLERANCE = 0.05


@dataclass(frozen=True, slots=True)
class VideoPart:
    """What the video file adds to a summary."""

    shots: tuple[Shot, ...]
    key_frames: tuple[KeyFrame, ...]
    notes: tuple[str, ...]


def video_part(
    digest: VideoDigest | None, chapters: tuple[Chapter, ...] | list[Chapter], duration: float
) -> VideoPart:
    """Shots and key frames from the scan of the video file; `duration` is the metadata's
    length (0 when unknown). Chapters that start after the file ends get no key frame."""
    if digest is None:
        return VideoPart((), (), ())
    length = digest.duration or duration
    in_file = [c for c in chapters if c.start < length] if chapters else []
    frames = key_frames(digest.stills, in_file, length)
    notes = [
        f"{len(digest.shots)} shots; {len(frames)} key frame(s), one per "
        f"{'chapter' if chapters else 'stretch of the video'}, chosen from "
        f"{len(digest.stills)} stills of the video file."
    ]
    if len(in_file) < len(chapters):
        notes.append(
            f"{len(chapters) - len(in_file)} chapter(s) start after the video file ends "
            f"({length:.0f} s) and have no key frame."
        )
    if duration and abs(length - duration) > max(2.0, LENGTH_TOLERANCE * duration):
        notes.append(
            f"The video file lasts {length:.0f} s but the metadata says {duration:.0f} s; "
            "shots and key frames follow the file."
        )
    return VideoPart(digest.shots, frames, tuple(notes))


def key_frames(
    stills: tuple[EncodedStill, ...], chapters: tuple[Chapter, ...] | list[Chapter], duration: float
) -> tuple[KeyFrame, ...]:
    """One key frame per chapter (or per stretch of the video when it has no chapters)."""
    if not stills:
        return ()
    spans = [(c.start, c.end, i) for i, c in enumerate(chapters)] or _stretches(duration)
    frames = []
    for start, end, index in spans:
        inside = [s for s in stills if start <= s.time < max(end, start + 1e-3)]
        if inside:
            best = max(inside, key=lambda s: s.quality)
        else:
            middle = (start + end) / 2
            best = min(stills, key=lambda s: abs(s.time - middle))
        frames.append(KeyFrame(best.time, index, best.jpeg, best.quality))
    return tuple(frames)


def _stretches(duration: float) -> list[tuple[float, float, int]]:
    # About a minute each, but at least MIN_STRETCHES (of 10 s or more) for a short video.
    count = max(min(MIN_STRETCHES, int(duration // 10)), round(duration / STRETCH_SECONDS))
    count = max(1, min(MAX_STRETCHES, count))
    step = max(duration, 1.0) / count
    return [(i * step, (i + 1) * step + (1.0 if i == count - 1 else 0.0), -1) for i in range(count)]
