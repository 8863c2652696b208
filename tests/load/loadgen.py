"""Drives the real gateway with many analyses at once and counts what came back.

Goodput is tasks that ended OK per second: work the callers could use, which is what holds up
(or collapses) when more is asked than the machine can do.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import grpc

from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

TASK_METHODS = {
    "TASK_SUMMARY": "/tubelens.v1.SummaryService/Summarize",
    "TASK_COMMENTS": "/tubelens.v1.CommentsService/AnalyzeComments",
    "TASK_THUMBNAIL": "/tubelens.v1.ThumbnailService/AnalyzeThumbnail",
}


@dataclass
class Outcome:
    code: str  # the whole call's status
    tasks: dict[str, str] = field(default_factory=dict)  # task name -> its status code name
    request_id: str = ""
    seconds: float = 0.0

    @property
    def ok_tasks(self) -> int:
        return sum(code == "OK" for code in self.tasks.values())


async def analyze(
    stub: gateway_pb2_grpc.GatewayServiceStub, bundle: str, deadline: float
) -> Outcome:
    request = gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle=bundle))
    started = time.monotonic()
    try:
        response = await stub.Analyze(request, timeout=deadline)
    except grpc.aio.AioRpcError as exc:
        return Outcome(exc.code().name, seconds=time.monotonic() - started)
    tasks = {
        gateway_pb2.Task.Name(r.task): grpc.StatusCode(_code(r.status.code)).name
        for r in response.results
    }
    return Outcome("OK", tasks, response.request_id, time.monotonic() - started)


def _code(number: int) -> tuple:
    return next(code.value for code in grpc.StatusCode if code.value[0] == number)


async def burst(stub, bundle: str, count: int, deadline: float) -> list[Outcome]:
    return await asyncio.gather(*(analyze(stub, bundle, deadline) for _ in range(count)))


async def closed_loop(
    stub, bundle: str, concurrency: int, seconds: float, deadline: float
) -> tuple[list[Outcome], float]:
    """`concurrency` callers, each starting its next analysis when the last one ends."""
    outcomes: list[Outcome] = []
    end = time.monotonic() + seconds

    async def caller() -> None:
        while time.monotonic() < end:
            outcomes.append(await analyze(stub, bundle, deadline))

    started = time.monotonic()
    await asyncio.gather(*(caller() for _ in range(concurrency)))
    return outcomes, time.monotonic() - started


async def open_loop(
    stub, bundle: str, rate: float, seconds: float, deadline: float
) -> tuple[list[Outcome], float]:
    """Analyses arriving at `rate` a second whatever happens to the earlier ones."""
    calls = []
    started = time.monotonic()
    for index in range(max(1, round(rate * seconds))):
        await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
        calls.append(asyncio.ensure_future(analyze(stub, bundle, deadline)))
    outcomes = await asyncio.gather(*calls)
    return list(outcomes), time.monotonic() - started


def goodput(outcomes: list[Outcome], seconds: float) -> float:
    return sum(o.ok_tasks for o in outcomes) / seconds


def task_codes(outcomes: list[Outcome]) -> Counter[str]:
    return Counter(code for o in outcomes for code in o.tasks.values())


def finished_in_services(log_dir: Path) -> set[tuple[str, str]]:
    """(request id, method) of every call an analysis service ended OK, from its access log."""
    done = set()
    for name in ("summary", "comments", "thumbnail"):
        path = log_dir / f"{name}.log"
        for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else ():
            if '"rpc_done"' not in line:
                continue
            entry = json.loads(line)
            if entry.get("code") == "OK":
                done.add((entry.get("request_id", ""), entry.get("method", "")))
    return done


def lost_results(outcomes: list[Outcome], finished: set[tuple[str, str]]) -> list[tuple]:
    """Tasks a service finished OK whose result the caller did not get as OK."""
    return [
        (o.request_id, task, code)
        for o in outcomes
        for task, code in o.tasks.items()
        if code != "OK" and (o.request_id, TASK_METHODS[task]) in finished
    ]
