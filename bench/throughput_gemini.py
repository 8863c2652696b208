"""Figures 1-5 of bench/throughput.py: the whole stack on the gemini engine against the fake.

Runs inside one side's child process, so `gateway`, `services`, `tubelens` and `tests` are that
side's tree (see throughput.py). Every client here is a real gRPC client on loopback.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from throughput_calls import SLOW_FIRST, Direct, analyze, closed_loop, log, pool
from throughput_inputs import cpu_seconds, percentile

from tubelens.v1 import gateway_pb2_grpc


@dataclass
class Gemini:
    """What the figures need: the stack, the fake and its responder, the bundles."""

    stack: Any
    fake: Any
    model: Any  # ModelLike: its `delay` is the model latency
    bundle_dir: Path
    bundles: dict[str, list[str]]
    figures: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def cpu(self, own_only: bool = False) -> dict[str, float]:
        return {n: cpu_seconds(p.pid, own_only) for n, p in self.stack.processes.items()}

    async def run(self, seconds: float, delay: float) -> None:
        async with grpc.aio.insecure_channel(self.stack.address("gateway")) as channel:
            stub = gateway_pb2_grpc.GatewayServiceStub(channel)
            await pool(self.bundles["warm"], 2, lambda b: analyze(stub, b))  # workers, imports
            log("1/7 CPU per Analyze")
            await self.cpu_per_analyze(stub)
            log("2/7 Analyze throughput vs health checks")
            await self.throughput(stub, channel, seconds)
            log("3/7 gateway overhead over direct calls")
            await self.overhead(stub)
            log("5/7 identical request repeated")
            await self.repeated(stub)
        log("4/7 2,000 analyses in flight at 1 s model latency")
        self.model.delay = 1.0
        try:
            await self.burst()
        finally:
            self.model.delay = delay

    async def cpu_per_analyze(self, stub: Any) -> None:
        names = self.bundles["cpu"]
        before, own_before = self.cpu(), self.cpu(own_only=True)
        outcomes = await pool(names, 4, lambda b: analyze(stub, b))
        after, own_after = self.cpu(), self.cpu(own_only=True)
        own = {n: (own_after[n] - own_before[n]) / len(names) * 1000 for n in after}
        for name in ("summary", "comments", "thumbnail", "gateway", "video", "photocard"):
            self.figures[f"cpu_{name}"] = (after[name] - before[name]) / len(names) * 1000
        self.figures["cpu_total"] = sum(after[n] - before[n] for n in after) / len(names) * 1000
        ok = sum(o.fully_ok for o in outcomes)
        self.notes.append(
            f"CPU: {len(names)} analyses at 4 in flight, {ok} fully OK; ms per Analyze in the "
            f"server processes themselves (the rest in their workers): "
            + ", ".join(f"{n} {ms:.1f}" for n, ms in own.items())
        )

    async def throughput(self, stub: Any, channel: Any, seconds: float) -> None:
        from grpc_health.v1 import health_pb2, health_pb2_grpc

        names = itertools.cycle(self.bundles["tput"])
        outcomes = await closed_loop(lambda: analyze(stub, next(names), fresh=True), seconds)
        health = health_pb2_grpc.HealthStub(channel)
        checks = await closed_loop(lambda: health.Check(health_pb2.HealthCheckRequest()), 5)
        analyses = sum(o.fully_ok for o in outcomes[0]) / outcomes[1]
        self.figures["analyses_per_s"] = analyses
        self.figures["checks_per_s"] = len(checks[0]) / checks[1]
        self.figures["analyses_share"] = 100 * analyses / self.figures["checks_per_s"]
        laps = len(outcomes[0]) / len(self.bundles["tput"])
        tasks_ok = sum(o.tasks.get(t) == "OK" for o in outcomes[0] for t in o.tasks)
        self.notes.append(
            f"throughput: {len(outcomes[0])} analyses in {outcomes[1]:.1f} s, "
            f"{tasks_ok / outcomes[1]:.1f} tasks OK/s "
            f"({laps:.2f} laps of {len(self.bundles['tput'])} bundles), "
            f"{sum(o.fully_ok for o in outcomes[0])} fully OK"
        )

    async def overhead(self, stub: Any) -> None:
        direct = Direct(self.stack)
        gw_names, direct_names = self.bundles["ovg"], self.bundles["ovd"]
        gaps, gw_times, direct_times = [], [], []
        for index, (gw_name, direct_name) in enumerate(zip(gw_names, direct_names, strict=True)):
            requests = await direct.requests(self.bundle_dir / direct_name)
            if index % 2:  # alternate which path goes first, so drift in load cancels out
                gw_times.append((await analyze(stub, gw_name)).seconds)
                direct_times.append((await direct.call(requests))[0])
            else:
                direct_times.append((await direct.call(requests))[0])
                gw_times.append((await analyze(stub, gw_name)).seconds)
            gaps.append(gw_times[-1] - direct_times[-1])
        self.notes.append(
            f"overhead, 1 in flight: median Analyze {statistics.median(gw_times) * 1000:.0f} ms, "
            f"median slowest direct call {statistics.median(direct_times) * 1000:.0f} ms"
        )
        self.figures["overhead_p50_ms"] = percentile(gaps, 0.5) * 1000
        self.figures["overhead_p99_ms"] = percentile(gaps, 0.99) * 1000
        many_gw, many_direct = self.bundles["hig"], self.bundles["hid"]
        prepared = [await direct.requests(self.bundle_dir / n) for n in many_direct]
        started = time.monotonic()
        direct_out = await pool(prepared, 100, direct.call)
        direct_seconds = time.monotonic() - started
        started = time.monotonic()
        gw_out = await pool(many_gw, 100, lambda b: analyze(stub, b))
        gw_seconds = time.monotonic() - started
        self.figures["overhead_100_ratio"] = gw_seconds / direct_seconds
        self.notes.append(
            f"overhead: {len(gaps)} pairs at 1 in flight; at 100 in flight {len(many_gw)} "
            f"analyses took {gw_seconds:.1f} s through the gateway "
            f"({sum(o.fully_ok for o in gw_out)} fully OK), direct {direct_seconds:.1f} s "
            f"({sum(ok for _, ok in direct_out)} all three OK)"
        )
        await direct.close()

    async def repeated(self, stub: Any) -> None:
        rows = []
        for name in self.bundles["rep"]:
            row = []
            for _ in range(2):
                calls = len(self.fake.calls())
                outcome = await analyze(stub, name)
                row += [outcome.seconds * 1000, len(self.fake.calls()) - calls]
            rows.append(row)
        for index, key in enumerate(("first_ms", "first_calls", "second_ms", "second_calls")):
            self.figures[f"repeat_{key}"] = statistics.median(r[index] for r in rows)

    async def burst(self) -> None:
        names = self.bundles["burst"]
        channels = [
            grpc.aio.insecure_channel(
                self.stack.address("gateway"), options=[("grpc.use_local_subchannel_pool", 1)]
            )
            for _ in range(4)
        ]
        stubs = [gateway_pb2_grpc.GatewayServiceStub(c) for c in channels]
        started = time.monotonic()
        outcomes = await asyncio.gather(
            *(analyze(stubs[i % 4], name, timeout=30) for i, name in enumerate(names))
        )
        self.figures["burst_seconds"] = time.monotonic() - started
        for channel in channels:
            await channel.close()
        kinds = Counter(o.kind() for o in outcomes)
        for kind in ("OK", *SLOW_FIRST):
            self.figures[f"burst_{kind}"] = kinds.get(kind, 0)
        calls = Counter(o.code for o in outcomes)
        self.notes.append(f"2,000 in flight: call codes {dict(calls)}; per analysis {dict(kinds)}")
