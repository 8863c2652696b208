"""The worker pool: results and domain errors come back, full queues and hopeless deadlines are
refused at once, and a job whose caller leaves stops (its worker is killed and replaced)."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import psutil
import pytest

from tests.fakes import jobs
from tubelens.calls import enter_call, leave_call
from tubelens.errors import DeadlineExceeded, InvalidInput, ResourceExhausted
from tubelens.workers import WorkerPool, WorkerSettings


@pytest.fixture
async def pool():
    workers = WorkerPool("test", WorkerSettings(workers=1, queue_per_worker=1))
    await workers.start()
    yield workers
    await workers.close()


async def wait_for_file(path: Path, seconds: float = 10.0) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if path.is_file() and path.read_text():
            return path.read_text()
        await asyncio.sleep(0.02)
    raise AssertionError(f"{path} was never written")


async def test_results_come_back_from_another_process(pool) -> None:
    assert await pool.run(jobs.square, 12) == 144
    assert await pool.run(jobs.pid) != os.getpid()


async def test_a_domain_error_keeps_its_reason_and_metadata(pool) -> None:
    with pytest.raises(InvalidInput) as caught:
        await pool.run(jobs.refuse, "BAD_FIELD")
    assert caught.value.reason == "BAD_FIELD" and caught.value.metadata == {"field": "x"}


async def test_a_cancelled_call_kills_its_running_job(pool, tmp_path) -> None:
    marker = tmp_path / "pid"
    call = asyncio.ensure_future(pool.run(jobs.spin, 60, str(marker)))
    worker = psutil.Process(int(await wait_for_file(marker)))
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    gone, _ = await asyncio.to_thread(psutil.wait_procs, [worker], 2.0)
    assert gone, "the worker kept running after its call was cancelled"
    assert await pool.run(jobs.square, 3) == 9  # a fresh worker took its place


async def test_a_job_stops_at_its_calls_deadline(pool) -> None:
    token = enter_call(0.5)
    started = time.monotonic()
    try:
        with pytest.raises(DeadlineExceeded):
            await pool.run(jobs.spin, 60)
    finally:
        leave_call(token)
    assert time.monotonic() - started < 5
    assert await pool.run(jobs.square, 4) == 16


async def test_a_full_queue_refuses_at_once_with_a_retry_delay(pool) -> None:
    running = asyncio.ensure_future(pool.run(jobs.spin, 3))
    waiting = asyncio.ensure_future(pool.run(jobs.square, 2))
    await asyncio.sleep(0.2)
    started = time.monotonic()
    with pytest.raises(ResourceExhausted) as caught:
        await pool.run(jobs.square, 5)
    assert time.monotonic() - started < 0.5
    assert caught.value.reason == "OVERLOADED" and caught.value.retry_after_seconds >= 1
    assert "TUBELENS" not in caught.value.message or "capacity" in caught.value.message
    assert await waiting == 4 and await running > 0


async def test_a_call_whose_turn_would_come_too_late_is_refused(pool) -> None:
    await pool.run(jobs.spin, 1.0)  # the pool learns that jobs take about a second
    running = asyncio.ensure_future(pool.run(jobs.spin, 1.0))
    await asyncio.sleep(0.1)
    token = enter_call(0.5)
    try:
        with pytest.raises(ResourceExhausted) as caught:
            await pool.run(jobs.square, 6)
    finally:
        leave_call(token)
    assert "left" in caught.value.message
    await running


async def test_a_worker_killed_mid_job_is_reported_and_replaced(pool) -> None:
    with pytest.raises(ResourceExhausted) as caught:
        await pool.run(jobs.die)
    assert caught.value.reason == "WORKER_KILLED"
    assert await pool.run(jobs.square, 7) == 49


async def test_a_pool_broken_outside_any_job_is_renewed(pool, tmp_path, monkeypatch) -> None:
    # A job whose module the workers cannot import kills the worker before the job starts,
    # which pebble cannot pin on a job: it declares the whole pool broken.
    (tmp_path / "ghost_jobs.py").write_text("def cube(x):\n    return x ** 3\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import ghost_jobs

    monkeypatch.undo()  # gone from sys.path: the workers, started earlier, never had it
    with pytest.raises(Exception) as caught:
        await pool.run(ghost_jobs.cube, 2)
    assert getattr(caught.value, "reason", "") == "WORKER_CRASHED"
    assert await pool.run(jobs.square, 8) == 64


async def test_workers_yield_the_cpu_to_the_server(pool) -> None:
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    theirs = await pool.run(os.getpriority, os.PRIO_PROCESS, 0)
    assert theirs == min(mine + 10, 19)


async def test_workers_run_below_the_server_by_the_configured_niceness() -> None:
    workers = WorkerPool("test", WorkerSettings(workers=1, worker_niceness=15))
    await workers.start()
    try:
        assert await workers.run(os.nice, 0) == min(19, os.nice(0) + 15)
    finally:
        await workers.close()
