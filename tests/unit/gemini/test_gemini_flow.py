"""Limits, coalescing, deadline and cancellation of Gemini calls, seen from the fake server."""

from __future__ import annotations

import asyncio
import time

import pytest
from google.genai import types
from pydantic import BaseModel

from tests.fakes.gemini_server import FakeGemini, Recorded, Reply, json_reply
from tubelens.errors import DeadlineExceeded
from tubelens.gemini import Prompt

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-test"
PROMPT = Prompt("probe", "probe-1", "You answer probes.", "Answer.")


class ProbeOut(BaseModel):
    answer: str


def slow(seconds: float):
    def answer(recorded: Recorded) -> Reply:
        reply = json_reply({"answer": recorded.text})
        reply.delay = seconds
        return reply

    return answer


def ask(caller, text: str):
    return caller.structured(MODEL, PROMPT, [types.Part(text=text)], ProbeOut)


async def wait_for_requests(fake: FakeGemini, count: int) -> None:
    for _ in range(200):
        if len(fake.calls()) >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"the fake saw {len(fake.calls())} requests, not {count}")


async def test_identical_concurrent_calls_share_one_upstream_call(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = slow(0.2)
    caller = make_caller()
    results = await asyncio.gather(ask(caller, "same"), ask(caller, "same"), ask(caller, "other"))
    assert [out.answer for out, _ in results] == ["same", "same", "other"]
    assert sorted(call.text for call in fake_gemini.calls()) == ["other", "same"]


async def test_one_waiter_leaving_does_not_cancel_the_shared_call(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = slow(0.3)
    caller = make_caller()
    leaving = asyncio.create_task(ask(caller, "shared"))
    staying = asyncio.create_task(ask(caller, "shared"))
    await wait_for_requests(fake_gemini, 1)
    leaving.cancel()
    out, _ = await staying
    assert out.answer == "shared"
    (call,) = fake_gemini.calls()
    assert not call.disconnected


async def test_cancelling_the_call_cancels_the_upstream_request(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = slow(5)
    task = asyncio.create_task(ask(make_caller(), "never answered"))
    await wait_for_requests(fake_gemini, 1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(100):  # the fake notices the hang-up on its own thread
        if fake_gemini.calls()[0].disconnected:
            break
        await asyncio.sleep(0.02)
    assert fake_gemini.calls()[0].disconnected


async def test_a_slow_model_hits_the_deadline_and_is_hung_up_on(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = slow(5)
    with pytest.raises(DeadlineExceeded) as caught:
        await ask(make_caller(timeout_seconds=0.3), "too slow")
    assert caught.value.reason == "GEMINI_TIMEOUT"
    for _ in range(100):
        if fake_gemini.calls()[0].disconnected:
            break
        await asyncio.sleep(0.02)
    assert fake_gemini.calls()[0].disconnected


async def test_the_concurrency_limit_holds_per_model(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.responder = slow(0.15)
    caller = make_caller(model_limits={MODEL: {"concurrency": 2, "requests_per_minute": 6000}})
    await asyncio.gather(*(ask(caller, f"q{i}") for i in range(5)))
    assert fake_gemini.max_in_flight == 2
    assert len(fake_gemini.calls()) == 5


async def test_the_rate_limit_spreads_calls_over_time(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.responder = slow(0)
    caller = make_caller(requests_per_minute=120, rate_burst_seconds=1)  # 2 a second
    started = time.monotonic()
    await asyncio.gather(*(ask(caller, f"q{i}") for i in range(4)))
    assert time.monotonic() - started >= 0.9  # the 3rd waits ~0.5 s, the 4th ~1 s
