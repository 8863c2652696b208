"""The gemini thumbnail engine measures an image's pixels once per content, and reads its words
locally only when the model saw text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from services.thumbnail.domain import ThumbnailRequest
from services.thumbnail.engines.gemini import GeminiThumbnailEngine
from services.thumbnail.engines.gemini.engine import NOT_READ_NOTE
from services.thumbnail.engines.local import LocalThumbnailEngine
from tests.fakes.gemini_server import FakeGemini, json_reply
from tubelens.bundles import load_bundle
from tubelens.workers import in_thread

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-2.5-flash"
READING = {
    "description": "A loaf.",
    "text_on_image": ["NO-KNEAD SOURDOUGH"],
    "faces": [],
    "small_size_clarity": 80,
    "small_size_note": "Clear.",
    "title_match": 90,
    "title_match_note": "Matches.",
    "video_match": 0,
    "video_match_note": "",
}


class CountingOffload:
    """The test offload (a thread) that counts the jobs it ran, by name."""

    def __init__(self) -> None:
        self.jobs: Counter[str] = Counter()

    async def __call__(self, function: Callable[..., Any], /, *args: Any) -> Any:
        self.jobs[function.__name__] += 1
        return await in_thread(function, *args)


@pytest.fixture
def thumbnail(samples) -> ThumbnailRequest:
    bundle = load_bundle(samples / "en-sourdough")
    return ThumbnailRequest(bundle.thumbnail, bundle.metadata.title, None, "en")


async def test_the_same_image_is_measured_and_read_once(
    fake_gemini: FakeGemini, make_caller, thumbnail: ThumbnailRequest
) -> None:
    fake_gemini.enqueue(MODEL, json_reply(READING), json_reply(READING))
    offload = CountingOffload()
    engine = GeminiThumbnailEngine(make_caller(), offload)

    first, _ = await engine.analyze(thumbnail)
    again, _ = await engine.analyze(thumbnail)

    assert offload.jobs == {"pixels_job": 1, "words_job": 1}
    assert len(fake_gemini.calls(MODEL)) == 2  # the model's reading is not this cache's business
    assert (again.score, again.texts, again.faces) == (first.score, first.texts, first.faces)
    local, _ = await LocalThumbnailEngine().analyze(thumbnail)
    assert (first.score, first.texts, first.findings) == (local.score, local.texts, local.findings)


async def test_no_local_reading_when_the_model_saw_no_text(
    fake_gemini: FakeGemini, make_caller, thumbnail: ThumbnailRequest
) -> None:
    fake_gemini.enqueue(MODEL, json_reply(READING | {"text_on_image": []}))
    offload = CountingOffload()
    engine = GeminiThumbnailEngine(make_caller(), offload)

    review, provenance = await engine.analyze(thumbnail)

    assert offload.jobs == {"pixels_job": 1}
    assert review.texts == () and review.title_match is not None
    assert review.title_match.verdict == "no_text"
    assert NOT_READ_NOTE in provenance.notes and NOT_READ_NOTE in review.notes
    local, _ = await LocalThumbnailEngine().analyze(thumbnail)
    assert (review.brightness, review.faces, review.palette) == (
        local.brightness,
        local.faces,
        local.palette,
    )


async def test_the_cache_is_bounded(
    fake_gemini: FakeGemini, make_caller, thumbnail: ThumbnailRequest, samples
) -> None:
    other = load_bundle(samples / "ko-homecafe").thumbnail
    empty = json_reply(READING | {"text_on_image": []})
    fake_gemini.enqueue(MODEL, empty, empty, empty)
    offload = CountingOffload()
    engine = GeminiThumbnailEngine(make_caller(), offload, cached=1)

    for image in (thumbnail.image, other, thumbnail.image):
        await engine.analyze(ThumbnailRequest(image, "A title"))

    assert offload.jobs == {"pixels_job": 3}  # one entry: the second image evicted the first
