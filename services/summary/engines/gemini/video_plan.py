"""How much of a video to send, and how densely, so it fits a token budget.

Gemini counts about 66 tokens per frame at low media resolution (258 at medium/high) and 32 per
second of audio, sampling 1 frame a second by default. A long video gets a lower frame rate; if
even the lowest rate does not fit, the video is clipped and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from google.genai import types

FRAME_TOKENS = {"low": 66, "medium": 258, "high": 258}
AUDIO_TOKENS_PER_SECOND = 32
DEFAULT_FPS = 1.0
MIN_FPS = 0.1


@dataclass(frozen=True, slots=True)
class VideoPlan:
    fps: float
    end_seconds: float | None  # None: the whole video
    estimated_tokens: int
    notes: tuple[str, ...] = ()


def plan_video(duration: float, resolution: str, token_budget: int) -> VideoPlan:
    per_frame = FRAME_TOKENS[resolution]

    def cost(seconds: float, fps: float) -> int:
        return round(seconds * (fps * per_frame + AUDIO_TOKENS_PER_SECOND))

    if duration <= 0 or cost(duration, DEFAULT_FPS) <= token_budget:
        return VideoPlan(DEFAULT_FPS, None, cost(max(duration, 0), DEFAULT_FPS))
    fps = (token_budget / duration - AUDIO_TOKENS_PER_SECOND) / per_frame
    if fps >= MIN_FPS:
        fps = round(fps - 0.005, 2)  # round down so the estimate stays inside the budget
        note = f"The {duration / 60:.0f}-minute video was sampled at {fps:g} frames a second."
        return VideoPlan(fps, None, cost(duration, fps), (note,))
    end = int(token_budget / (MIN_FPS * per_frame + AUDIO_TOKENS_PER_SECOND))
    note = (
        f"The video is {duration / 60:.0f} minutes long; only its first {end / 60:.0f} minutes "
        f"were watched (at {MIN_FPS:g} frames a second) to stay within the token budget."
    )
    return VideoPlan(MIN_FPS, float(end), cost(end, MIN_FPS), (note,))


def video_part(file: tuple[str, str], plan: VideoPlan) -> types.Part:
    """The video as file_data (a public YouTube link with "video/*", or an uploaded file's
    Files API URI and MIME type), with the plan's frame rate and clipping."""
    url, mime_type = file
    metadata = types.VideoMetadata(
        fps=plan.fps,
        start_offset="0s" if plan.end_seconds is not None else None,
        end_offset=f"{plan.end_seconds:.0f}s" if plan.end_seconds is not None else None,
    )
    return types.Part(
        file_data=types.FileData(file_uri=url, mime_type=mime_type), video_metadata=metadata
    )
