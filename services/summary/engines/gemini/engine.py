"""The Gemini summary engine: the video itself (or its transcript) and the comment section."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from google.genai import types

from services.summary.domain import Summary, SummaryRequest, SummarySource
from services.summary.engines.gemini.comment_section import (
    COMMENTS_PROMPT,
    summarize_comment_section,
)
from services.summary.engines.gemini.inputs import (
    caption_language_block,
    metadata_block,
    transcript_block,
)
from services.summary.engines.gemini.results import build_summary
from services.summary.engines.gemini.schema import SummaryOut
from services.summary.engines.gemini.video_plan import plan_video, video_part
from tubelens.domain import Provenance
from tubelens.errors import FailedPrecondition, InvalidInput, TubeLensError, UpstreamRejected
from tubelens.gemini import GeminiCaller, Usage, language_tag, load_prompt, usage_of_error
from tubelens.gemini.concurrency import gather_or_cancel
from tubelens.workers import Offload, in_thread

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
VIDEO_PROMPT = load_prompt(PROMPTS / "video_summary.toml")
TRANSCRIPT_PROMPT = load_prompt(PROMPTS / "transcript_summary.toml")
MAX_POINTS = 7
# Refusals of the video part that the transcript can stand in for (private video, blocked).
VIDEO_REFUSALS = {"GEMINI_REJECTED_REQUEST", "GEMINI_PERMISSION_DENIED", "MODEL_BLOCKED"}


class GeminiSummaryEngine:
    def __init__(self, caller: GeminiCaller, offload: Offload = in_thread) -> None:
        self._caller = caller
        self._offload = offload  # comment screening runs in the worker pool
        self._model = caller.settings.summary_model

    async def summarize(self, request: SummaryRequest) -> tuple[Summary, Provenance]:
        transcript = request.transcript
        language = language_tag(
            request.language,
            transcript.language if transcript else "",
            request.video.default_language,
        )
        main, comments = await gather_or_cancel(
            self._main(request, language),
            summarize_comment_section(self._caller, self._model, request, language, self._offload),
            usage_of=lambda result: result[1],  # both return (..., usage, ...)
        )
        summary, usage, versions, notes = main
        comment_summary, comment_usage, comment_notes = comments
        if comment_summary is not None:
            versions.append(COMMENTS_PROMPT.version)
        notes = (*summary.notes, *notes, *comment_notes)
        summary = dataclasses.replace(summary, comment_summary=comment_summary, notes=notes)
        provenance = Provenance("gemini", self._model, "+".join(versions), notes=notes)
        return summary, (usage + comment_usage).stamp(provenance)

    async def _main(
        self, request: SummaryRequest, language: str
    ) -> tuple[Summary, Usage, list[str], list[str]]:
        notes: list[str] = []
        refused = Usage()  # a refused video call is billed too
        watchable = request.video_file is not None or request.video.video_id
        if self._caller.settings.summary_mode == "video" and watchable:
            try:
                summary, usage = await self._from_video(request, language)
                return summary, usage, [VIDEO_PROMPT.version], notes
            except (FailedPrecondition, InvalidInput, UpstreamRejected) as exc:
                if exc.reason not in VIDEO_REFUSALS:
                    raise
                refused = usage_of_error(exc) or Usage()
                notes.append(
                    f"The video itself could not be used ({exc.message}); "
                    "the summary is drawn from the transcript and description."
                )
        elif self._caller.settings.summary_mode == "transcript":
            notes.append("Transcript-only mode: the model did not watch the video.")
        try:
            summary, usage = await self._from_text(request, language)
        except TubeLensError as exc:
            exc.usage = refused + (usage_of_error(exc) or Usage())
            raise
        return summary, refused + usage, [TRANSCRIPT_PROMPT.version], notes

    async def _from_video(self, request: SummaryRequest, language: str) -> tuple[Summary, Usage]:
        video = request.video
        settings = self._caller.settings
        plan = plan_video(
            video.duration_seconds, settings.media_resolution, settings.video_token_budget
        )
        parts = [
            video_part(request.video_file or (video.url, "video/*"), plan),
            types.Part(
                text=VIDEO_PROMPT.render(
                    language=language, max_points=MAX_POINTS, duration=round(video.duration_seconds)
                )
            ),
            types.Part(text=metadata_block(request)),
        ]
        # The video carries its own audio: the transcript beside it would bill the same speech a
        # second time (about 4 chars a token, ~1,000 tokens a spoken minute) for no new facts.
        # Only what the video cannot give goes along: the caption track's language.
        if request.transcript and request.transcript.language:
            parts.append(types.Part(text=caption_language_block(request)))
        if request.transcript and plan.end_seconds is not None:
            # The video was clipped: the speech past the clip reaches the model only as text.
            parts.append(types.Part(text=transcript_block(request, plan.end_seconds)))
        out, usage = await self._caller.structured(
            self._model,
            VIDEO_PROMPT,
            parts,
            SummaryOut,
            media_resolution=settings.media_resolution,
        )
        allowed = {SummarySource.VIDEO, SummarySource.DESCRIPTION}
        if request.transcript and plan.end_seconds is not None:
            allowed.add(SummarySource.TRANSCRIPT)
        return build_summary(
            out, request, frozenset(allowed), SummarySource.VIDEO, plan.notes
        ), usage

    async def _from_text(self, request: SummaryRequest, language: str) -> tuple[Summary, Usage]:
        if not request.transcript and not request.video.description.strip():
            raise FailedPrecondition(
                "The video has no transcript and no description, and the video itself was not "
                "used; there is nothing to summarise.",
                reason="NOTHING_TO_SUMMARIZE",
            )
        parts = [
            types.Part(
                text=TRANSCRIPT_PROMPT.render(
                    language=language,
                    max_points=MAX_POINTS,
                    duration=round(request.video.duration_seconds),
                )
            ),
            types.Part(text=metadata_block(request)),
        ]
        source = SummarySource.DESCRIPTION
        if request.transcript:
            parts.append(types.Part(text=transcript_block(request)))
            source = SummarySource.TRANSCRIPT
        out, usage = await self._caller.structured(
            self._model, TRANSCRIPT_PROMPT, parts, SummaryOut
        )
        allowed = frozenset({source, SummarySource.DESCRIPTION})
        return build_summary(out, request, allowed, source, ()), usage
