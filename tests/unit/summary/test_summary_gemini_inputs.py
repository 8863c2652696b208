"""Each input once per analysis: beside the video, the summary sends no transcript."""

from __future__ import annotations

import pytest

from services.summary.domain import SummaryRequest
from services.summary.engines.gemini import GeminiSummaryEngine
from tests.fakes.gemini_server import FakeGemini, json_reply
from tubelens.bundles import load_bundle

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-2.5-flash"
ANSWER = {
    "tldr": "A loaf.",
    "key_points": [{"text": "Bake it.", "start_seconds": 30, "source": "video"}],
    "chapters": [{"title": "Bake", "start_seconds": 0}],
    "language": "en",
}


@pytest.fixture
def request_(samples) -> SummaryRequest:
    bundle = load_bundle(samples / "en-sourdough")
    # No comments: only the main summary call is made.
    return SummaryRequest(bundle.metadata, bundle.transcript, (), "en")


async def test_the_video_goes_without_the_transcript_but_with_its_language(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    fake_gemini.enqueue(MODEL, json_reply(ANSWER))
    await GeminiSummaryEngine(make_caller()).summarize(request_)

    (call,) = fake_gemini.calls(MODEL)
    assert call.parts("fileData")
    assert '<data name="transcript">' not in call.text
    assert request_.transcript.cues[0].text not in call.text
    assert f'<data name="caption_language">\n"{request_.transcript.language}"' in call.text


async def test_without_a_video_part_the_transcript_is_sent(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    fake_gemini.enqueue(MODEL, json_reply(ANSWER))
    await GeminiSummaryEngine(make_caller(summary_mode="transcript")).summarize(request_)

    (call,) = fake_gemini.calls(MODEL)
    assert call.parts("fileData") == []
    assert '<data name="transcript">' in call.text
    assert request_.transcript.cues[0].text in call.text


async def test_past_a_clipped_video_only_the_rest_of_the_transcript_goes_as_text(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    fake_gemini.enqueue(MODEL, json_reply(ANSWER))
    # The smallest budget clips the sample at 10,000 / (0.1 x 66 + 32) = 259 s.
    engine = GeminiSummaryEngine(make_caller(video_token_budget=10_000))
    await engine.summarize(request_)

    (call,) = fake_gemini.calls(MODEL)
    assert call.parts("fileData")
    sent = [c for c in request_.transcript.cues if c.start >= 259]
    kept = [c for c in request_.transcript.cues if c.start < 259]
    assert sent and kept
    assert '<data name="transcript">' in call.text
    assert sent[0].text in call.text
    assert all(f'"t": {round(c.start)},' not in call.text for c in kept)
