"""The per-model request rate held across replicas through a real redis-server: two callers
(two service replicas) together stay within one window, where on their own each spends it."""

from __future__ import annotations

import asyncio
import time

from google.genai import types
from structlog.testing import capture_logs

from tests.fakes.gemini_server import FakeGemini, Recorded, json_reply
from tests.unit.gemini.probe import GOOD, PARTS, PROMPT, ProbeOut

pytest_plugins = ["tests.fakes.fixtures", "tests.fakes.redis_server"]

MODEL = "gemini-test"
# 600 a minute in windows of 1 s: 10 requests a window, for all replicas together.
RATE = {"requests_per_minute": 600, "rate_burst_seconds": 1.0, "max_concurrency": 64}
PER_REPLICA = 12


def stamping(arrivals: list[float]):
    def answer(recorded: Recorded):
        arrivals.append(time.monotonic())
        return json_reply(GOOD)

    return answer


def first_window(arrivals: list[float]) -> int:
    """Requests that arrived within 0.9 s of the first (the library's windows may end a few
    tens of milliseconds early, so a full second would count the next window's first)."""
    return sum(1 for t in arrivals if t < min(arrivals) + 0.9)


async def two_replicas(make_caller, arrivals: list[float], **settings) -> None:
    replicas = [make_caller(**RATE, **settings) for _ in range(2)]
    # A first request each opens the HTTP clients (slow once), then the windows start afresh.
    await asyncio.gather(
        *(replica.structured(MODEL, PROMPT, PARTS, ProbeOut) for replica in replicas)
    )
    await asyncio.sleep(1.1)
    arrivals.clear()
    # Distinct requests: identical ones would be coalesced into one.
    await asyncio.gather(
        *(
            replica.structured(MODEL, PROMPT, [types.Part(text=f"probe {n}-{i}")], ProbeOut)
            for n, replica in enumerate(replicas)
            for i in range(PER_REPLICA)
        )
    )


async def test_replicas_sharing_redis_stay_within_one_window(
    fake_gemini: FakeGemini, make_caller, redis_url: str
) -> None:
    arrivals: list[float] = []
    fake_gemini.responder = stamping(arrivals)
    await two_replicas(make_caller, arrivals, rate_limit_redis_url=redis_url)
    assert len(arrivals) == 2 * PER_REPLICA
    assert first_window(arrivals) == 10
    assert max(arrivals) - min(arrivals) >= 1.8  # 24 requests need three windows of 10


async def test_without_a_shared_store_each_replica_spends_the_window(
    fake_gemini: FakeGemini, make_caller
) -> None:
    """The problem the shared window solves: each process has its own bucket."""
    arrivals: list[float] = []
    fake_gemini.responder = stamping(arrivals)
    await two_replicas(make_caller, arrivals)
    assert first_window(arrivals) >= 20  # both replicas' whole bursts at once


async def test_redis_out_of_reach_falls_back_to_the_local_bucket(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: json_reply(GOOD)
    caller = make_caller(**RATE, rate_limit_redis_url="redis://127.0.0.1:9/0")
    with capture_logs() as logs:
        out, _ = await caller.structured(MODEL, PROMPT, PARTS, ProbeOut)
    assert out == ProbeOut(**GOOD)
    assert any(line["event"] == "gemini_shared_rate_unavailable" for line in logs)
