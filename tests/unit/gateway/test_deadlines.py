"""The gateway's time for its tasks: the caller's deadline less a margin that grows with the
event loop's measured lag, so finished results are sent before the caller gives up."""

from __future__ import annotations

import asyncio
import time

import pytest

from gateway.deadlines import DeadlineBudget, LoopLag


def test_an_idle_loop_leaves_the_configured_floor() -> None:
    budget = DeadlineBudget(0.25, 60.0, LoopLag())
    assert budget.margin() == 0.25


def test_the_margin_grows_with_the_worst_recent_lag() -> None:
    lag = LoopLag()
    for seconds in (0.01, 0.4, 0.02):
        lag.record(seconds)
    assert DeadlineBudget(0.25, 60.0, lag).margin() == pytest.approx(0.25 + 2 * 0.4)


async def test_the_margin_never_takes_more_than_half_the_callers_time() -> None:
    lag = LoopLag()
    lag.record(5.0)
    budget = DeadlineBudget(0.25, 60.0, lag)
    assert budget.seconds(4.0) == pytest.approx(2.0)
    assert budget.seconds(None) == pytest.approx(60.0 - 10.25)
    await budget.lag.stop()


async def test_the_lag_is_measured_on_the_running_loop() -> None:
    lag = LoopLag()
    lag.start()
    await asyncio.sleep(0.25)
    time.sleep(0.3)  # the loop is blocked: the sampler's timer fires late
    await asyncio.sleep(0.15)
    await lag.stop()
    assert lag.worst() >= 0.2
