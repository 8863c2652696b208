"""The admission queue: first come first served, refused at once when full or hopeless, a waiting
call refused as soon as its time left no longer covers a run, and no slot ever lost."""

from __future__ import annotations

import asyncio
import time

import pytest

from tubelens.errors import ResourceExhausted
from tubelens.server.admission import AdmissionQueue


def queue(slots: int = 1, waiting: int = 8) -> AdmissionQueue:
    return AdmissionQueue(slots, waiting, "jobs", "The test server is at capacity")


def deadline_in(seconds: float):
    end = time.monotonic() + seconds
    return lambda: end - time.monotonic()


def no_deadline() -> None:
    return None


async def hold(admission: AdmissionQueue, release: asyncio.Event, log: list[str], name: str):
    async with admission.slot(no_deadline):
        log.append(name)
        await release.wait()


async def test_waiting_calls_get_their_turn_in_arrival_order() -> None:
    admission, release, order = queue(), asyncio.Event(), []
    tasks = []
    for name in "abcd":
        tasks.append(asyncio.create_task(hold(admission, release, order, name)))
        await asyncio.sleep(0)  # each arrives before the next
    assert order == ["a"] and admission.waiting == 3
    release.set()
    await asyncio.gather(*tasks)
    assert order == ["a", "b", "c", "d"]
    assert admission.running == 0 and admission.waiting == 0


async def test_a_full_queue_refuses_at_once_with_a_retry_delay() -> None:
    admission, release, order = queue(slots=1, waiting=1), asyncio.Event(), []
    first = asyncio.create_task(hold(admission, release, order, "a"))
    second = asyncio.create_task(hold(admission, release, order, "b"))
    await asyncio.sleep(0.01)
    with pytest.raises(ResourceExhausted) as caught:
        async with admission.slot(no_deadline):
            pass
    assert caught.value.reason == "OVERLOADED" and caught.value.retry_after_seconds >= 1
    assert "The test server is at capacity" in caught.value.message
    assert "1 waiting" in caught.value.message
    release.set()
    await asyncio.gather(first, second)
    assert order == ["a", "b"]


async def test_a_call_whose_turn_would_come_too_late_is_refused_on_arrival() -> None:
    admission = queue()
    async with admission.slot(no_deadline):
        await asyncio.sleep(0.3)  # runs take about 0.3 s
    release = asyncio.Event()
    busy = asyncio.create_task(hold(admission, release, [], "busy"))
    await asyncio.sleep(0.01)
    started = time.monotonic()
    with pytest.raises(ResourceExhausted) as caught:
        async with admission.slot(deadline_in(0.4)):
            pass
    assert time.monotonic() - started < 0.1  # refused at once, not after waiting
    assert "left" in caught.value.message
    release.set()
    await busy


async def test_a_waiting_call_is_refused_once_its_time_no_longer_covers_a_run() -> None:
    admission = queue()
    async with admission.slot(no_deadline):
        await asyncio.sleep(0.2)  # runs take about 0.2 s: safe run 0.2 + 2 x 0.1
    release = asyncio.Event()
    busy = asyncio.create_task(hold(admission, release, [], "busy"))
    await asyncio.sleep(0.01)
    admission.run_seconds = 0.05  # the estimate says a turn would come in time: it waits
    admission._run_spread = 0.0
    started = time.monotonic()
    waiter = asyncio.create_task(_enter(admission, deadline_in(1.0)))
    await asyncio.sleep(0.1)
    assert not waiter.done() and admission.waiting == 1
    with pytest.raises(ResourceExhausted) as caught:
        await waiter
    waited = time.monotonic() - started
    assert 0.8 < waited < 1.0  # refused before its deadline, leaving time to say so
    assert "no longer cover a run" in caught.value.message
    assert admission.waiting == 0
    release.set()
    await busy
    assert admission.running == 0


async def _enter(admission: AdmissionQueue, time_left) -> None:
    async with admission.slot(time_left):
        pass


async def test_a_cancelled_waiter_leaves_the_queue_and_loses_no_slot() -> None:
    admission, release, order = queue(), asyncio.Event(), []
    first = asyncio.create_task(hold(admission, release, order, "a"))
    await asyncio.sleep(0)
    leaving = asyncio.create_task(hold(admission, release, order, "b"))
    staying = asyncio.create_task(hold(admission, release, order, "c"))
    await asyncio.sleep(0.01)
    leaving.cancel()
    await asyncio.sleep(0.01)
    assert admission.waiting == 1
    release.set()
    await asyncio.gather(first, staying)
    assert order == ["a", "c"] and admission.running == 0


async def test_a_slot_handed_to_a_waiter_that_gives_up_passes_to_the_next() -> None:
    admission, release, order = queue(), asyncio.Event(), []
    holding = admission.slot(no_deadline)
    await holding.__aenter__()
    giving_up = asyncio.create_task(hold(admission, release, order, "b"))
    next_in_line = asyncio.create_task(hold(admission, release, order, "c"))
    await asyncio.sleep(0.01)
    await holding.__aexit__(None, None, None)  # hands the slot to "b" without yielding...
    giving_up.cancel()  # ...and "b" gives up before it could run again
    await asyncio.sleep(0.01)
    release.set()
    await next_in_line
    assert giving_up.cancelled()
    assert order == ["c"] and admission.running == 0 and admission.waiting == 0


async def test_runs_that_fail_do_not_teach_the_estimate() -> None:
    admission = queue()
    with pytest.raises(ValueError):
        async with admission.slot(no_deadline):
            raise ValueError("boom")
    assert admission.run_seconds is None and admission.running == 0
