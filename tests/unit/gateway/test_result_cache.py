"""The result cache: repeats served, only complete results kept, engines told apart, and one
computation shared by identical calls in flight."""

from __future__ import annotations

import asyncio

import grpc
import pytest

from gateway.result_cache import CachedAnalysis, ResultCache
from gateway.result_keys import youtube_identity
from gateway.result_store import MemoryStore
from gateway.youtube.source import FetchOptions
from tubelens.server.status import ok_status, rpc_status_of
from tubelens.settings import ResultCacheSettings
from tubelens.v1 import gateway_pb2

SUMMARY, COMMENTS = gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_COMMENTS
IDENTITY = youtube_identity("dQw4w9WgXcQ", FetchOptions(max_comments=50), "True/20")


def made(task: int = SUMMARY, prompt: str = "summary-local-2", partial: bool = False):
    result = gateway_pb2.TaskResult(task=task, status=ok_status())
    result.summary.tldr = f"made with {prompt}"
    result.provenance.engine, result.provenance.model = 1, "tubelens-local"
    result.provenance.prompt_version = prompt
    result.provenance.youtube_quota_units = 3
    result.provenance.token_usage.total_tokens = 99
    result.provenance.computed_at.FromSeconds(1_700_000_000)
    result.provenance.partial = partial
    return result


class Counting:
    """A computation that counts its runs and can be held until released."""

    def __init__(self, result=None) -> None:
        self.runs = 0
        self.cancelled = False
        self.release = asyncio.Event()
        self.release.set()
        self.result = result if result is not None else made()

    async def __call__(self):
        self.runs += 1
        try:
            await self.release.wait()
        except asyncio.CancelledError:
            self.cancelled = True
            raise
        return self.result


@pytest.fixture
def cache() -> ResultCache:
    return ResultCache(MemoryStore(100, 1_000_000), ResultCacheSettings(namespace=""))


async def look(
    cache: ResultCache, tasks=(SUMMARY,), fresh: bool = False, identity=IDENTITY
) -> CachedAnalysis:
    return await cache.lookup(identity, tasks, "", 50, fresh=fresh)


async def compute(
    cache: ResultCache, run: Counting, task: int = SUMMARY, fresh: bool = False, identity=IDENTITY
):
    analysis = await look(cache, (task,), fresh, identity)
    deadline = asyncio.get_running_loop().time() + 5
    return analysis, await analysis.compute(task, run, deadline)


async def test_a_repeat_is_served_as_cached_with_the_original_time(cache: ResultCache) -> None:
    run = Counting()
    first, computed = await compute(cache, run)
    assert first.hits == {} and computed.provenance.cached is False

    again = await look(cache)
    served = again.hits[SUMMARY]
    assert run.runs == 1
    assert served.summary.tldr == "made with summary-local-2"
    assert served.provenance.cached is True
    assert served.provenance.computed_at.seconds == 1_700_000_000
    # The original call reported what was spent; a repeat spends nothing.
    assert served.provenance.youtube_quota_units == 0 and served.provenance.inputs_cached
    assert not served.provenance.HasField("token_usage")
    assert (await look(cache, (COMMENTS,))).hits == {}  # another task is another result


async def test_fresh_recomputes_and_replaces_the_entry(cache: ResultCache) -> None:
    await compute(cache, Counting())
    newer = Counting(made())
    newer.result.provenance.computed_at.FromSeconds(1_800_000_000)
    analysis, _ = await compute(cache, newer, fresh=True)
    assert analysis.hits == {} and newer.runs == 1
    assert (await look(cache)).hits[SUMMARY].provenance.computed_at.seconds == 1_800_000_000


@pytest.mark.parametrize(
    "result",
    [
        gateway_pb2.TaskResult(
            task=SUMMARY,
            status=rpc_status_of(
                grpc.StatusCode.DEADLINE_EXCEEDED, "late", "TASK_DEADLINE_EXCEEDED"
            ),
        ),
        gateway_pb2.TaskResult(task=SUMMARY, status=rpc_status_of(grpc.StatusCode.INTERNAL, "x")),
        made(partial=True),
    ],
    ids=["deadline", "failed", "an input cut for this call"],
)
async def test_failed_and_partial_results_are_not_kept(cache: ResultCache, result) -> None:
    other = youtube_identity("aaaaaaaaaaa", FetchOptions(), "")
    await compute(cache, Counting(), identity=other)  # the summary's engine is known now
    await compute(cache, Counting(result))
    assert (await look(cache)).hits == {}
    await compute(cache, Counting())  # while a complete result is kept
    assert SUMMARY in (await look(cache)).hits


async def test_a_result_is_never_served_for_another_engine(cache: ResultCache) -> None:
    await compute(cache, Counting(made(prompt="summary-local-2")))
    assert SUMMARY in (await look(cache)).hits
    # The service now answers with another prompt version: the next computation teaches the
    # cache, and the old result is no longer what a repeat gets.
    await compute(cache, Counting(made(prompt="summary-local-3")), fresh=True)
    served = (await look(cache)).hits[SUMMARY]
    assert served.summary.tldr == "made with summary-local-3"


async def test_no_engine_known_means_no_hit() -> None:
    settings = ResultCacheSettings(engine_seconds=0.05, namespace="")
    cache = ResultCache(MemoryStore(100, 1_000_000), settings)
    await compute(cache, Counting())
    assert SUMMARY in (await look(cache)).hits
    await asyncio.sleep(0.06)  # the engine fingerprint is no longer trusted: ask the service
    assert (await look(cache)).hits == {}


async def test_identical_calls_in_flight_share_one_computation(cache: ResultCache) -> None:
    run = Counting()
    run.release.clear()
    calls = [asyncio.create_task(compute(cache, run)) for _ in range(5)]
    await asyncio.sleep(0.01)
    run.release.set()
    results = [result for _, result in await asyncio.gather(*calls)]
    assert run.runs == 1
    assert {r.summary.tldr for r in results} == {"made with summary-local-2"}


async def test_a_caller_leaving_does_not_stop_the_others_but_the_last_does(
    cache: ResultCache,
) -> None:
    run = Counting()
    run.release.clear()
    leaving = asyncio.create_task(compute(cache, run))
    staying = asyncio.create_task(compute(cache, run))
    await asyncio.sleep(0.01)
    leaving.cancel()
    await asyncio.sleep(0.01)
    run.release.set()
    _, result = await staying
    assert run.runs == 1 and result.status.code == 0 and not run.cancelled

    alone = Counting()
    alone.release.clear()
    only = asyncio.create_task(compute(cache, alone, task=COMMENTS))
    await asyncio.sleep(0.01)
    only.cancel()
    await asyncio.sleep(0.01)
    assert alone.cancelled and len(cache._flights) == 0  # stopped with its last caller


async def test_a_joiner_waits_only_until_its_own_deadline(cache: ResultCache) -> None:
    run = Counting()
    run.release.clear()
    owner = asyncio.create_task(compute(cache, run))
    await asyncio.sleep(0.01)
    analysis = await look(cache)
    loop = asyncio.get_running_loop()
    late = await analysis.compute(SUMMARY, run, loop.time() + 0.05)
    assert late.status.code == grpc.StatusCode.DEADLINE_EXCEEDED.value[0]
    run.release.set()
    _, result = await owner
    assert result.status.code == 0 and run.runs == 1
