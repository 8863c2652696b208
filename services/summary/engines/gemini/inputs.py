"""The video's metadata and transcript as data blocks for a summary prompt."""

from __future__ import annotations

from services.summary.domain import SummaryRequest
from tubelens.gemini import data_block


def metadata_block(request: SummaryRequest) -> str:
    video = request.video
    return data_block(
        "video",
        {"title": video.title, "channel": video.channel_title, "description": video.description},
    )


def transcript_block(request: SummaryRequest, from_seconds: float = 0.0) -> str:
    """The transcript's cues from `from_seconds` on (past a clipped video part: what it lacks)."""
    cues = request.transcript.cues if request.transcript else ()
    return data_block(
        "transcript",
        [{"t": round(cue.start), "text": cue.text} for cue in cues if cue.start >= from_seconds],
    )


def caption_language_block(request: SummaryRequest) -> str:
    """The caption track's language: the one fact about the speech the video part lacks."""
    language = request.transcript.language if request.transcript else ""
    return data_block("caption_language", language)
