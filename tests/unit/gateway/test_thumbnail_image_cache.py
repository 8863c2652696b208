"""Whether the thumbnail's result carries the image is part of its result-cache key: a result
kept without the image is never served to a caller that asked for it, nor the other way round."""

from __future__ import annotations

import asyncio

from gateway.analysis_start import AnalysisStarts
from gateway.result_cache import ResultCache
from gateway.result_keys import InputIdentity, result_key
from gateway.result_store import MemoryStore
from gateway.video_scans import VideoScans
from tubelens.server.status import ok_status
from tubelens.settings import GatewaySettings, ResultCacheSettings
from tubelens.v1 import gateway_pb2

SUMMARY, COMMENTS, THUMBNAIL = (
    gateway_pb2.TASK_SUMMARY,
    gateway_pb2.TASK_COMMENTS,
    gateway_pb2.TASK_THUMBNAIL,
)
IDENTITY = InputIdentity("bundle", "x")


def key(task: int, thumbnail_image: bool) -> str:
    return result_key("", IDENTITY, task, "en", 100, "e", None, thumbnail_image)


def test_the_option_is_part_of_the_thumbnail_key_only() -> None:
    assert key(THUMBNAIL, True) != key(THUMBNAIL, False)
    # Keys made before the option existed stay valid for callers that do not ask for it.
    assert key(THUMBNAIL, False) == result_key("", IDENTITY, THUMBNAIL, "en", 100, "e")
    for task in (SUMMARY, COMMENTS):
        assert key(task, True) == key(task, False)


def thumbnail_result(image: bytes) -> gateway_pb2.TaskResult:
    result = gateway_pb2.TaskResult(task=THUMBNAIL, status=ok_status())
    result.thumbnail.score, result.thumbnail.image_jpeg = 70, image
    result.provenance.engine, result.provenance.model = 1, "tubelens-local"
    result.provenance.prompt_version = "thumbnail-local-1"
    return result


async def served(cache: ResultCache, thumbnail_image: bool) -> gateway_pb2.TaskResult | None:
    analysis = await cache.lookup(IDENTITY, (THUMBNAIL,), "", 50, thumbnail_image=thumbnail_image)
    return analysis.hits.get(THUMBNAIL)


async def keep(cache: ResultCache, thumbnail_image: bool, image: bytes) -> int:
    """Computes the thumbnail's result through the cache; how many computations ran."""
    runs = []

    async def run() -> gateway_pb2.TaskResult:
        runs.append(1)
        await asyncio.sleep(0.01)  # long enough for a second caller to join
        return thumbnail_result(image)

    analysis = await cache.lookup(IDENTITY, (THUMBNAIL,), "", 50, thumbnail_image=thumbnail_image)
    assert analysis.thumbnail_image is thumbnail_image
    await analysis.compute(THUMBNAIL, run, asyncio.get_running_loop().time() + 5)
    return len(runs)


async def test_a_result_is_served_only_to_callers_asking_the_same() -> None:
    cache = ResultCache(MemoryStore(100, 1_000_000), ResultCacheSettings(namespace=""))
    await keep(cache, False, b"")
    assert (await served(cache, False)).thumbnail.score == 70
    assert await served(cache, True) is None  # kept without the image: not for this caller

    await keep(cache, True, b"\xff\xd8\xffjpeg")
    assert (await served(cache, True)).thumbnail.image_jpeg == b"\xff\xd8\xffjpeg"
    assert (await served(cache, False)).thumbnail.image_jpeg == b""


async def test_calls_in_flight_with_and_without_the_image_do_not_share() -> None:
    cache = ResultCache(MemoryStore(100, 1_000_000), ResultCacheSettings(namespace=""))
    runs = await asyncio.gather(keep(cache, True, b"\xff\xd8\xffjpeg"), keep(cache, False, b""))
    assert runs == [1, 1]


async def test_an_analysis_plans_and_looks_up_with_the_callers_option() -> None:
    cache = ResultCache(MemoryStore(100, 1_000_000), ResultCacheSettings(namespace=""))
    starts = AnalysisStarts(GatewaySettings(), None, cache, VideoScans(None))
    for asked in (True, False):
        request = gateway_pb2.AnalyzeStreamRequest(
            video=gateway_pb2.VideoRef(bundle="en-sourdough"),
            tasks=[THUMBNAIL],
            options=gateway_pb2.AnalysisOptions(include_thumbnail_image=asked),
        )
        async with starts.start(request, lambda: 5.0, "r") as analysis:
            assert analysis.plan.thumbnail_image is asked
            assert analysis.cached is not None and analysis.cached.thumbnail_image is asked
