"""`tubelens load`: a ghz-style load generator for the gateway's Analyze.

`concurrency` callers share one channel and cycle through the requests; with a rate, call i may
not start before start + i / rate (an upper bound: a slow server lowers it, and the report shows
the throughput reached). The run ends after `calls` calls, or else once `seconds` have passed
(calls in flight are waited for and counted).
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated

import grpc
import typer

from tubelens.cli.connection import gateway_channel
from tubelens.cli.refs import video_ref
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

DEFAULT_REFS = ("en-sourdough", "ko-homecafe")


@dataclass
class LoadReport:
    latencies: list[float] = field(default_factory=list)  # seconds, one per finished call
    codes: Counter[str] = field(default_factory=Counter)  # the call's status name -> count
    elapsed: float = 0.0  # first call sent -> last call finished

    @property
    def calls(self) -> int:
        return len(self.latencies)

    def percentile(self, fraction: float) -> float:
        """Nearest rank: a latency some call really had, never an interpolation."""
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]

    def render(self) -> str:
        rate = self.calls / self.elapsed if self.elapsed > 0 else 0.0
        latency = "  ".join(f"p{round(q * 100)} {self.percentile(q):.3f}" for q in (0.5, 0.9, 0.99))
        top = max(self.latencies, default=0.0)
        codes = "  ".join(f"{code} {count}" for code, count in self.codes.most_common())
        return "\n".join(
            [
                f"calls        {self.calls} in {self.elapsed:.2f} s, {rate:.2f} calls/s",
                f"latency (s)  {latency}  max {top:.3f}",
                f"codes        {codes}",
            ]
        )


async def run_load(
    target: str,
    requests: list[gateway_pb2.AnalyzeRequest],
    concurrency: int = 8,
    calls: int = 0,
    seconds: float = 10.0,
    rate: float = 0.0,
    deadline: float = 60.0,
) -> LoadReport:
    """Analyze calls against `target`, cycling through `requests`: `calls` of them, or as many
    as `seconds` allow when calls is 0; at most `rate` a second when rate is set."""
    report = LoadReport()
    # Analyses carry key frames: more than gRPC's default 4 MB may come back.
    options = [("grpc.max_receive_message_length", 64 * 1024 * 1024)]
    async with gateway_channel(target, options) as channel:
        stub = gateway_pb2_grpc.GatewayServiceStub(channel)
        indices = itertools.count()
        start = time.monotonic()

        async def caller() -> None:
            while True:
                index = next(indices)
                if calls and index >= calls:
                    return
                if rate:
                    await asyncio.sleep(max(0.0, start + index / rate - time.monotonic()))
                if not calls and time.monotonic() - start >= seconds:
                    return
                sent = time.monotonic()
                try:
                    await stub.Analyze(requests[index % len(requests)], timeout=deadline)
                    code = "OK"
                except grpc.aio.AioRpcError as exc:
                    code = exc.code().name
                report.latencies.append(time.monotonic() - sent)
                report.codes[code] += 1

        await asyncio.gather(*(caller() for _ in range(concurrency)))
        report.elapsed = time.monotonic() - start
    return report


def load(
    refs: Annotated[
        list[str] | None,
        typer.Argument(help="Samples, bundles or links to analyse, cycled (default: samples)."),
    ] = None,
    target: Annotated[str, typer.Option(help="The gateway's address.")] = "127.0.0.1:50051",
    concurrency: Annotated[int, typer.Option(help="Callers at once.", min=1)] = 8,
    calls: Annotated[int, typer.Option(help="Stop after this many; 0: run --seconds.", min=0)] = 0,
    seconds: Annotated[float, typer.Option(help="How long to run when --calls is 0.")] = 30.0,
    rate: Annotated[float, typer.Option(help="Calls a second at most; 0: no limit.", min=0)] = 0.0,
    fresh: Annotated[
        bool, typer.Option(help="Bypass the gateway's result cache (--no-fresh: allow hits).")
    ] = True,
    deadline: Annotated[float, typer.Option(help="Each call's deadline, seconds.")] = 60.0,
) -> None:
    """Drive the gateway's Analyze and print throughput, latency percentiles and codes."""
    options = gateway_pb2.AnalysisOptions(fresh=fresh)
    requests = [
        gateway_pb2.AnalyzeRequest(video=video_ref(ref), options=options)
        for ref in refs or DEFAULT_REFS
    ]
    report = asyncio.run(run_load(target, requests, concurrency, calls, seconds, rate, deadline))
    typer.echo(report.render())
    if report.calls and not report.codes.get("OK"):
        raise typer.Exit(1)  # not one call succeeded: the figures measure failures only
