"""CPU work off the serving loop: worker processes, a bounded queue, deadlines and cancellation.

Analyses are CPU-bound. On the server's own threads they would share its GIL with the event loop
(health checks and new calls stall behind them) and could not be stopped when their caller gives
up. So each analysis service runs them in a pool of worker processes, one per core:

- admission: at most `workers` jobs run and `workers x queue_per_worker` wait; a job beyond
  that, or one whose wait alone would outlast its call's deadline, is refused at once
  (ResourceExhausted with a retry delay) instead of queueing only to fail later, and so is a
  waiting job once its time left no longer covers a run (tubelens.server.admission);
- deadline: a job runs at most until its call's deadline (tubelens.deadlines);
- cancellation: when the call ends early, a waiting job is dropped and a running one is stopped by
  killing its worker, which is replaced at once.

Workers are forked from a fork server that has imported the `preload` modules (models loaded)
before the first fork, so a replacement is ready in milliseconds and shares the models' memory.
They run at a lower CPU priority (nice 10 by default) than the server, so on a busy machine or pod
the serving threads still get the CPU they need to answer health checks, accept calls and shed
load. Bulk work (the video scan) runs lower still, so it takes the CPU other analyses leave.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pebble
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.calls import time_left
from tubelens.errors import DeadlineExceeded, ResourceExhausted, TubeLensError
from tubelens.logs import get_logger
from tubelens.server.admission import AdmissionQueue
from tubelens.settings import ENV_PREFIX

T = TypeVar("T")
log = get_logger("tubelens.workers")


class Offload(Protocol):
    """Runs `function(*args)` somewhere other than the event loop and returns its result."""

    async def __call__(self, function: Callable[..., T], /, *args: Any) -> T: ...


async def in_thread(function: Callable[..., T], /, *args: Any) -> T:
    """The simplest Offload, for tests and in-process tools: a thread, no admission control."""
    return await asyncio.to_thread(function, *args)


class WorkerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=None, extra="ignore")

    workers: int = Field(default=0, ge=0)  # worker processes; 0: one per core it may use
    # Jobs that may wait, per worker. The queue also refuses a job whose turn would come after
    # its deadline, and TUBELENS_REQUESTS_MB bounds what waiting calls hold, so this only caps
    # the count: at 4, sixteen callers of 20 ms gemini-path jobs were refused a third of their
    # tasks while the workers had time for all of them.
    queue_per_worker: int = Field(default=16, ge=0)
    tasks_per_worker: int = Field(default=500, ge=0)  # jobs before a worker is renewed; 0: never
    # Added to the server's own: work yields the CPU to serving (health, admission, shedding).
    worker_niceness: int = Field(default=10, ge=0, le=19)

    def worker_count(self) -> int:
        return self.workers or available_cores()


def available_cores() -> int:
    """Cores this process may use: its CPU affinity, capped by a cgroup CPU quota (a pod's
    CPU limit)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cores = min(cores or 1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass
    return max(1, cores or 1)


class WorkerPool:
    def __init__(self, service: str, settings: WorkerSettings, preload: Sequence[str] = ()) -> None:
        self.service = service
        self.workers = settings.worker_count()
        self.queue_limit = self.workers * settings.queue_per_worker
        self._tasks_per_worker = settings.tasks_per_worker
        self._niceness = settings.worker_niceness
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(list(preload))
        self._pool = self._new_pool()
        self._admission = AdmissionQueue(
            self.workers,
            self.queue_limit,
            f"{service} jobs",
            f"The {service} service is at capacity",
            queue_name="workers",
        )

    async def start(self) -> None:
        """Starts the fork server and the workers now, so no call pays for it."""
        await asyncio.wrap_future(self._pool.schedule(os.getpid))

    async def close(self) -> None:
        self._pool.stop()
        await asyncio.to_thread(self._pool.join, 10)

    async def run(self, function: Callable[..., T], /, *args: Any) -> T:
        async with self._admission.slot(time_left):  # a cancelled call leaves the queue here
            left = time_left()
            if left is not None and left <= 0:
                raise _deadline_passed(self.service)
            return await self._execute(function, args, left)

    def _new_pool(self) -> pebble.ProcessPool:
        return pebble.ProcessPool(
            max_workers=self.workers,
            max_tasks=self._tasks_per_worker,
            initializer=os.nice,
            initargs=(self._niceness,),
            context=self._context,
        )

    async def _execute(self, function: Callable[..., T], args: tuple, timeout: float | None) -> T:
        if not self._pool.active:  # pebble gave up on it (a worker died outside any job)
            log.error("worker_pool_renewed", service=self.service)
            self._pool.stop()
            self._pool = self._new_pool()
        future = self._pool.schedule(function, args=args, timeout=timeout)
        started = time.monotonic()
        try:
            # Cancelling the awaiting task cancels `future`; pebble then kills the worker running
            # it and starts another.
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            log.info("work_stopped", job=function.__name__, ms=_ms(started))
            raise
        except TimeoutError as exc:
            if exc.args[:1] != ("Task timeout",):  # raised by the job itself
                raise
            log.info("work_stopped", job=function.__name__, ms=_ms(started), why="deadline")
            raise _deadline_passed(self.service) from None
        except pebble.ProcessExpired as exc:
            log.error("worker_lost", job=function.__name__, exit_code=exc.exitcode)
            raise _worker_lost(self.service, exc.exitcode) from None
        except BrokenProcessPool:
            log.exception("worker_pool_broken", job=function.__name__)
            raise _worker_lost(self.service, None) from None


def _deadline_passed(service: str) -> DeadlineExceeded:
    return DeadlineExceeded(
        f"The {service} analysis did not finish before the call's deadline and was stopped.",
        reason="DEADLINE_EXCEEDED",
    )


def _worker_lost(service: str, exit_code: int | None) -> TubeLensError:
    if exit_code == -signal.SIGKILL:  # the kernel's out-of-memory killer, most likely
        return ResourceExhausted(
            f"The {service} worker running this analysis was killed (out of memory?); "
            "a smaller input may succeed.",
            reason="WORKER_KILLED",
        )
    return TubeLensError(
        f"The {service} worker running this analysis stopped unexpectedly (exit code {exit_code}).",
        reason="WORKER_CRASHED",
    )


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
