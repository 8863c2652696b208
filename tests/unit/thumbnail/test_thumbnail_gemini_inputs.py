"""Each input once per analysis: the thumbnail review reads the description, not the video."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from services.thumbnail.domain import ThumbnailRequest
from services.thumbnail.engines.gemini import GeminiThumbnailEngine
from tests.fakes.gemini_server import FakeGemini, json_reply
from tubelens.bundles import load_bundle

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-2.5-flash"
READING = {
    "description": "A loaf.",
    "text_on_image": [],
    "faces": [],
    "small_size_clarity": 80,
    "small_size_note": "Clear.",
    "title_match": 90,
    "title_match_note": "Matches.",
    "video_match": 70,
    "video_match_note": "The video bakes this loaf.",
}


@pytest.fixture
def small_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 180), (200, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


async def test_the_video_is_not_ingested_again_and_the_note_says_what_was_judged(
    fake_gemini: FakeGemini, make_caller, samples, small_jpeg: bytes
) -> None:
    metadata = load_bundle(samples / "en-sourdough").metadata
    fake_gemini.enqueue(MODEL, json_reply(READING))
    engine = GeminiThumbnailEngine(make_caller())

    review, _ = await engine.analyze(ThumbnailRequest(small_jpeg, metadata.title, metadata, "en"))

    (call,) = fake_gemini.calls(MODEL)
    assert call.parts("fileData") == []
    assert '<data name="description">' in call.text
    assert metadata.description.strip()[:40] in call.text
    reading = review.model_reading
    assert reading is not None and reading.video_checked and reading.video_match == 70
    assert reading.video_match_note.startswith("(Judged from the title and description")
