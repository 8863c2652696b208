"""The Gemini thumbnail engine against the fake Gemini API: local metrics plus the reading."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from services.thumbnail.domain import ThumbnailRequest
from services.thumbnail.engines.gemini import GeminiThumbnailEngine
from services.thumbnail.engines.local import LocalThumbnailEngine
from services.thumbnail.servicer import review_to_proto
from tests.fakes.gemini_server import FakeGemini, field, json_reply
from tubelens.bundles import load_bundle
from tubelens.errors import InvalidInput

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-2.5-flash"
READING = {
    "description": "A crusty sourdough loaf on a wooden board.",
    "text_on_image": ["NO KNEAD", "  "],
    "faces": [{"description": "a baker", "expression": "smiling"}],
    "small_size_clarity": 80,
    "small_size_note": "The loaf reads well small.",
    "title_match": 90,
    "title_match_note": "Shows the loaf the title promises.",
    "video_match": 70,
    "video_match_note": "The video bakes this loaf.",
}


@pytest.fixture
def bundle(samples):
    return load_bundle(samples / "en-sourdough")


@pytest.fixture
def small_jpeg() -> bytes:
    """A small thumbnail, so the local metrics cost little where only the model part is tested."""
    out = io.BytesIO()
    Image.new("RGB", (320, 180), (200, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


async def test_the_image_goes_inline_and_the_reading_joins_the_local_metrics(
    fake_gemini: FakeGemini, make_caller, bundle
) -> None:
    fake_gemini.enqueue(MODEL, json_reply(READING))
    request = ThumbnailRequest(bundle.thumbnail, bundle.metadata.title, bundle.metadata, "en")
    engine = GeminiThumbnailEngine(make_caller())

    review, provenance = await engine.analyze(request)
    local, _ = await LocalThumbnailEngine().analyze(request)

    (call,) = fake_gemini.calls(MODEL)
    inline = call.parts("inlineData")[0]["inlineData"]
    assert field(inline, "mimeType") == "image/jpeg"
    assert base64.urlsafe_b64decode(inline["data"]) == bundle.thumbnail
    assert call.parts("fileData") == []  # the summary ingests the video; this reads the text
    assert '<data name="title">' in call.text and bundle.metadata.title in call.text
    assert "small_size_clarity" in call.generation_config["responseSchema"]["properties"]

    assert (review.score, review.brightness, review.faces) == (
        local.score,
        local.brightness,
        local.faces,
    )
    reading = review.model_reading
    assert reading is not None and reading.text_on_image == ("NO KNEAD",)
    assert reading.video_checked and reading.video_match == 70
    assert provenance.prompt_version.endswith("+thumbnail-reading-2")
    message = review_to_proto(review)
    assert message.model_reading.faces[0].expression == "smiling"
    assert message.score == local.score


async def test_without_a_video_nothing_but_the_image_and_title_is_sent(
    fake_gemini: FakeGemini, make_caller, small_jpeg: bytes
) -> None:
    fake_gemini.enqueue(MODEL, json_reply(READING))
    engine = GeminiThumbnailEngine(make_caller())

    review, _ = await engine.analyze(ThumbnailRequest(small_jpeg, "A title"))

    assert fake_gemini.calls(MODEL)[0].parts("fileData") == []
    assert review.model_reading is not None and not review.model_reading.video_checked
    assert review.model_reading.video_match == 0


async def test_an_out_of_range_score_is_asked_for_again(
    fake_gemini: FakeGemini, make_caller, small_jpeg: bytes
) -> None:
    fake_gemini.enqueue(MODEL, json_reply(READING | {"title_match": 180}), json_reply(READING))
    engine = GeminiThumbnailEngine(make_caller())

    review, provenance = await engine.analyze(ThumbnailRequest(small_jpeg, "A title"))

    assert review.model_reading is not None and review.model_reading.title_match == 90
    assert provenance.model_calls == 2


async def test_an_unreadable_image_is_refused_before_any_model_call(
    fake_gemini: FakeGemini, make_caller
) -> None:
    engine = GeminiThumbnailEngine(make_caller())
    with pytest.raises(InvalidInput):
        await engine.analyze(ThumbnailRequest(b"not an image", "A title"))
    assert fake_gemini.calls() == []
