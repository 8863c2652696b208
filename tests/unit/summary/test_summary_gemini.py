"""The Gemini summary engine against the fake Gemini API, with the real google-genai SDK."""

from __future__ import annotations

import pytest

from services.summary.domain import ChapterOrigin, SummaryRequest, SummarySource
from services.summary.engines.gemini import GeminiSummaryEngine
from services.summary.engines.gemini.results import chapters_of
from services.summary.engines.gemini.schema import SummaryOut
from services.summary.engines.gemini.video_plan import plan_video
from tests.fakes.gemini_server import (
    FakeGemini,
    Recorded,
    Reply,
    error_reply,
    field,
    json_reply,
    prompt_blocked_reply,
)
from tubelens.bundles import load_bundle
from tubelens.errors import FailedPrecondition

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-2.5-flash"
ANSWER = {
    "tldr": "A no-knead sourdough loaf made over one weekend.",
    "key_points": [
        {"text": "Feed the starter on Friday night.", "start_seconds": 30, "source": "video"},
        {"text": "Mix on Saturday morning.", "start_seconds": 95.5, "source": "transcript"},
        {"text": "An impossible moment.", "start_seconds": 99999, "source": "video"},
        {"text": "Before the start.", "start_seconds": -4, "source": "description"},
    ],
    "chapters": [
        {"title": "Mixing", "start_seconds": 90},
        {"title": "Starter", "start_seconds": 0},
        {"title": "After the end", "start_seconds": 99999},
    ],
    "language": "en",
}
COMMENT_ANSWER = {
    "text": "Viewers loved the schedule.",
    "topics": ["schedule"],
    "praise_ids": [],
    "criticism_ids": [],
    "question_ids": ["not-a-real-id"],
}


def by_schema(recorded: Recorded) -> Reply:
    """The two calls run at once on one model; each gets the answer its schema asks for."""
    fields = recorded.generation_config["responseSchema"]["properties"]
    return json_reply(COMMENT_ANSWER if "praise_ids" in fields else ANSWER)


@pytest.fixture
def request_(samples) -> SummaryRequest:
    bundle = load_bundle(samples / "en-sourdough")
    return SummaryRequest(bundle.metadata, bundle.transcript, bundle.comments, "en")


async def test_the_video_goes_as_youtube_file_data_with_low_resolution(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    fake_gemini.responder = by_schema
    engine = GeminiSummaryEngine(make_caller())

    summary, provenance = await engine.summarize(request_)

    video_call = next(c for c in fake_gemini.calls(MODEL) if c.parts("fileData"))
    part = video_call.parts("fileData")[0]
    assert field(part["fileData"], "fileUri") == (
        f"https://www.youtube.com/watch?v={request_.video.video_id}"
    )
    assert field(part, "videoMetadata")["fps"] == 1.0
    config = video_call.generation_config
    assert config["mediaResolution"] == "MEDIA_RESOLUTION_LOW"
    assert config["responseMimeType"] == "application/json"
    assert set(config["responseSchema"]["properties"]) == {
        "tldr",
        "key_points",
        "chapters",
        "language",
    }
    assert '<data name="transcript">' not in video_call.text  # the video's sound covers it

    assert summary.source is SummarySource.VIDEO
    assert [p.start for p in summary.key_points] == [0.0, 30.0, 95.5]  # 99999 s dropped
    assert [p.source for p in summary.key_points][1:] == [
        SummarySource.VIDEO,
        SummarySource.VIDEO,  # no transcript was sent, so a "transcript" point is the video's
    ]
    assert [c.title for c in summary.chapters] == ["Starter", "Mixing"]
    assert summary.chapters[-1].end == pytest.approx(request_.video.duration_seconds)
    assert summary.chapter_origin is ChapterOrigin.MODEL
    assert any("past the end of the video" in note for note in summary.notes)
    assert any("negative timestamp" in note for note in summary.notes)
    assert provenance.prompt_version == "summary-video-2+summary-comments-1"
    assert provenance.engine == "gemini" and provenance.model == MODEL
    assert provenance.model_calls == 2 and provenance.input_tokens == 200
    assert summary.comment_summary is not None
    assert summary.comment_summary.questions == ()  # the made-up id is not quoted
    assert any("do not exist" in note for note in summary.notes)


async def test_a_refused_video_falls_back_to_the_transcript(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    refused = error_reply(400, "Video is private or unavailable.")
    fake_gemini.responder = lambda r: refused if r.parts("fileData") else json_reply(ANSWER)
    engine = GeminiSummaryEngine(make_caller())

    summary, provenance = await engine.summarize(
        SummaryRequest(request_.video, request_.transcript, (), "en")
    )

    assert summary.source is SummarySource.TRANSCRIPT
    assert SummarySource.VIDEO not in {p.source for p in summary.key_points}
    assert provenance.prompt_version == "summary-transcript-1"
    assert any("could not be used" in note for note in summary.notes)
    assert len(fake_gemini.calls()) == 2  # the 400 was not retried
    assert provenance.model_calls == 2  # the refused try counts: it was sent


async def test_a_blocked_video_is_billed_beside_the_transcript_summary(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    """A summary whose video call was blocked reports both calls and both calls' tokens (it
    used to say model_calls 1)."""
    blocked = prompt_blocked_reply("SAFETY")
    fake_gemini.responder = lambda r: blocked if r.parts("fileData") else json_reply(ANSWER)

    summary, provenance = await GeminiSummaryEngine(make_caller()).summarize(
        SummaryRequest(request_.video, request_.transcript, (), "en")
    )

    assert summary.source is SummarySource.TRANSCRIPT
    assert provenance.model_calls == 2
    assert provenance.input_tokens == sum(c.usage["promptTokenCount"] for c in fake_gemini.calls())


async def test_transcript_only_mode_never_sends_the_video(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    fake_gemini.responder = lambda r: json_reply(ANSWER)
    engine = GeminiSummaryEngine(make_caller(summary_mode="transcript"))

    summary, _ = await engine.summarize(SummaryRequest(request_.video, request_.transcript))

    assert all(not call.parts("fileData") for call in fake_gemini.calls())
    assert summary.source is SummarySource.TRANSCRIPT


async def test_nothing_to_summarise_is_a_failed_precondition(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    from dataclasses import replace

    bare = replace(request_.video, description="")
    engine = GeminiSummaryEngine(make_caller(summary_mode="transcript"))
    with pytest.raises(FailedPrecondition) as caught:
        await engine.summarize(SummaryRequest(bare))
    assert caught.value.reason == "NOTHING_TO_SUMMARIZE"
    assert fake_gemini.calls() == []


@pytest.mark.parametrize(
    ("minutes", "fps", "clipped"), [(10, 1.0, False), (180, 0.35, False), (600, 0.1, True)]
)
def test_long_videos_get_fewer_frames_then_a_clip(minutes: int, fps: float, clipped: bool) -> None:
    plan = plan_video(minutes * 60, "low", 600_000)
    assert plan.fps == fps
    assert (plan.end_seconds is not None) == clipped
    assert plan.estimated_tokens <= 600_000


@pytest.mark.parametrize("duration", [0.0, 600.0])
def test_an_answer_without_chapters_gives_no_chapters(duration: float) -> None:
    # Used to raise ValueError (zip of no starts against one end) for any video with a duration.
    out = SummaryOut(tldr="t", key_points=[], chapters=[], language="en")
    assert chapters_of(out, duration) == ((), [])
