"""gRPC calls for bench/throughput.py: Analyze through the gateway, the three services directly,
and closed loops. Real clients on loopback; imports come from the side's tree."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc

from tubelens.v1 import gateway_pb2

SLOW_FIRST = ("CANCELLED", "DEADLINE_EXCEEDED", "OTHER", "RESOURCE_EXHAUSTED")


def log(message: str) -> None:
    print(f"[throughput {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Outcome:
    code: str  # the call's status
    tasks: dict[str, str] = field(default_factory=dict)  # task name -> status code name
    seconds: float = 0.0

    @property
    def fully_ok(self) -> bool:
        return self.code == "OK" and len(self.tasks) == 3 and set(self.tasks.values()) == {"OK"}

    def kind(self) -> str:
        """One word for the analysis: OK when every task is, else its worst failure."""
        if self.code != "OK":
            return self.code if self.code in SLOW_FIRST else "OTHER"
        if self.fully_ok:
            return "OK"
        codes = {c if c in SLOW_FIRST else "OTHER" for c in self.tasks.values() if c != "OK"}
        return next(c for c in SLOW_FIRST if c in codes)


def options(fresh: bool) -> Any:
    """AnalysisOptions asking for a fresh result where this revision knows the option."""
    fields = gateway_pb2.AnalysisOptions.DESCRIPTOR.fields_by_name
    return gateway_pb2.AnalysisOptions(fresh=True) if fresh and "fresh" in fields else None


async def analyze(stub: Any, bundle: str, fresh: bool = False, timeout: float = 60) -> Outcome:
    request = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(bundle=bundle), options=options(fresh)
    )
    started = time.monotonic()
    try:
        response = await stub.Analyze(request, timeout=timeout)
    except grpc.aio.AioRpcError as exc:
        return Outcome(exc.code().name, seconds=time.monotonic() - started)
    names = {code.value[0]: code.name for code in grpc.StatusCode}
    tasks = {
        gateway_pb2.Task.Name(r.task): names.get(r.status.code, "UNKNOWN") for r in response.results
    }
    return Outcome("OK", tasks, time.monotonic() - started)


async def pool(items: Iterable[Any], concurrency: int, work: Callable[[Any], Awaitable]) -> list:
    """`concurrency` workers taking the next item as they finish the last one."""
    source = iter(items)
    results: list = []

    async def worker() -> None:
        for item in source:
            results.append(await work(item))

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


async def closed_loop(call: Callable[[], Awaitable], seconds: float) -> tuple[list, float]:
    """16 callers, each starting its next call when the last ends, for `seconds`."""
    results: list = []
    end = time.monotonic() + seconds

    async def caller() -> None:
        while time.monotonic() < end:
            results.append(await call())

    started = time.monotonic()
    await asyncio.gather(*(caller() for _ in range(16)))
    return results, time.monotonic() - started


class Direct:
    """The three analysis services called directly with the requests the gateway would build."""

    def __init__(self, stack: Any) -> None:
        from tubelens.v1 import comments_pb2_grpc, summary_pb2_grpc, thumbnail_pb2_grpc

        self.channels = [
            grpc.aio.insecure_channel(stack.address(name))
            for name in ("summary", "comments", "thumbnail")
        ]
        self.methods = [
            summary_pb2_grpc.SummaryServiceStub(self.channels[0]).Summarize,
            comments_pb2_grpc.CommentsServiceStub(self.channels[1]).AnalyzeComments,
            thumbnail_pb2_grpc.ThumbnailServiceStub(self.channels[2]).AnalyzeThumbnail,
        ]

    async def requests(self, path: Path) -> list[Any]:
        """The summary, comments and thumbnail requests, built by this tree's gateway code."""
        from gateway import task_requests
        from gateway.fanout import plan_analysis
        from gateway.sources import BundleSource
        from tubelens.settings import GatewaySettings

        source = await BundleSource.open(path)
        plan = plan_analysis(
            [],
            source.metadata.default_language,
            0,
            GatewaySettings().max_comments,
            f"bench-{path.name}",
        )
        return list(
            await asyncio.gather(
                task_requests.summary_request(source, plan),
                task_requests.comments_request(source, plan),
                task_requests.thumbnail_request(source, plan),
            )
        )

    async def call(self, requests: list[Any]) -> tuple[float, bool]:
        """The three calls at once, as the gateway makes them: (slowest seconds, all OK)."""

        async def one(method: Any, request: Any) -> tuple[float, bool]:
            started = time.monotonic()
            try:
                await method(request, timeout=60)
                ok = True
            except grpc.aio.AioRpcError:
                ok = False
            return time.monotonic() - started, ok

        pairs = zip(self.methods, requests, strict=True)
        done = await asyncio.gather(*(one(method, request) for method, request in pairs))
        return max(s for s, _ in done), all(ok for _, ok in done)

    async def close(self) -> None:
        for channel in self.channels:
            await channel.close()
