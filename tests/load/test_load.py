"""The whole stack under bursts and overload, on the local engine (`make load-test` runs the full
form, `make test` a short one): every call is answered, every finished task reaches its caller,
and goodput at twice the load the machine can carry stays near its peak.

Figures are printed; the assertions compare figures measured side by side in one run, so a
slower or busier machine moves both sides together.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator

import grpc
import pytest

from tests.integration.conftest import start_stack
from tests.load.loadgen import (
    burst,
    closed_loop,
    finished_in_services,
    goodput,
    lost_results,
    open_loop,
    task_codes,
)
from tubelens.cli.stack import Stack
from tubelens.v1 import gateway_pb2_grpc

pytestmark = [pytest.mark.integration, pytest.mark.load]

FULL = os.environ.get("TUBELENS_LOAD") == "full"
BURST = 300 if FULL else 100
MEASURE_SECONDS = 40.0 if FULL else 15.0
BUNDLE = "en-sourdough"
ANSWERS = {"OK", "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED"}  # what a task may end with here
# What a whole call may end with: answered, or refused before any task started because the
# gateway could not run it before its deadline (gateway.analysis_start).
CALL_ANSWERS = {"OK", "RESOURCE_EXHAUSTED"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = start_stack(tmp_path_factory.mktemp("load-logs"))
    yield running
    running.stop()


@pytest.fixture
async def stub(stack: Stack):
    async with grpc.aio.insecure_channel(stack.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)


@pytest.mark.timeout(600)
async def test_a_burst_is_answered_in_full_and_keeps_every_finished_task(stack, stub) -> None:
    await closed_loop(stub, BUNDLE, 2, 3.0, deadline=30)  # warm every service once
    outcomes = await burst(stub, BUNDLE, BURST, deadline=20.0)
    codes = task_codes(outcomes)
    calls = Counter(o.code for o in outcomes)
    print(f"burst of {BURST} analyses: calls {dict(calls)}, task outcomes {dict(codes)}")

    assert set(calls) <= CALL_ANSWERS, calls  # every call answers or is shed, none times out
    assert all(len(o.tasks) == 3 for o in outcomes if o.code == "OK")
    assert set(codes) <= ANSWERS, codes
    assert codes["OK"] >= 3  # the machine did real work during the burst
    assert max(o.seconds for o in outcomes) < 20.0
    lost = lost_results(outcomes, finished_in_services(stack.log_dir))
    assert lost == [], f"{len(lost)} tasks finished in a service but did not reach the caller"


@pytest.mark.timeout(600)
async def test_goodput_at_twice_the_capacity_stays_near_the_peak(stub) -> None:
    await closed_loop(stub, BUNDLE, 2, 3.0, deadline=30)
    carried, seconds = await closed_loop(stub, BUNDLE, 4, MEASURE_SECONDS, deadline=30)
    peak = goodput(carried, seconds)
    rate = 2 * len(carried) / seconds  # analyses a second: twice what the machine finished
    offered, overload_seconds = await open_loop(stub, BUNDLE, rate, MEASURE_SECONDS, deadline=10)
    held = goodput(offered, overload_seconds)
    print(
        f"peak {peak:.2f} tasks OK/s at {len(carried) / seconds:.2f} analyses/s; at "
        f"{rate:.2f} analyses/s offered: {held:.2f} tasks OK/s ({held / peak:.0%} of the peak); "
        f"outcomes {dict(task_codes(offered))}"
    )
    assert {o.code for o in offered} <= CALL_ANSWERS
    assert held >= 0.8 * peak
