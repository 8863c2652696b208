"""Replicas of one service as local processes, and load through the gateway, for scale tests.

Replica i listens on 127.0.0.i (every 127/8 address is loopback on Linux) at one shared port,
so one DNS name can list them all, as a headless Kubernetes Service or Docker's DNS would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import grpc

from tubelens.server.probe import check
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

from .fake_dns import FakeDns

MAX_CONNECTION_AGE = 2.0  # seconds; production uses minutes, the mechanism is the same
REQUEST = gateway_pb2.AnalyzeRequest(
    video=gateway_pb2.VideoRef(bundle="en-sourdough"),
    tasks=[gateway_pb2.TASK_SUMMARY],
    options=gateway_pb2.AnalysisOptions(max_comments=20),  # keeps each call cheap
)


def clean_env(**settings: str) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("TUBELENS_")}
    return {**inherited, "TUBELENS_GRACE_SECONDS": "1", **settings}


@dataclass
class Cluster:
    dns: FakeDns
    port: int  # every replica's port; replica i listens on 127.0.0.i
    logs: Path
    replicas: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start_replica(self, host: str) -> None:
        env = clean_env(
            TUBELENS_HOST=host,
            TUBELENS_PORT=str(self.port),
            TUBELENS_MAX_CONNECTION_AGE_SECONDS=str(MAX_CONNECTION_AGE),
        )
        with (self.logs / f"{host}.log").open("a", encoding="utf-8") as log:
            self.replicas[host] = subprocess.Popen(
                [sys.executable, "-m", "services.summary"], env=env, stdout=log, stderr=log
            )

    def served(self, host: str) -> int:
        """Summarize calls this replica completed, from its JSON access log."""
        lines = (self.logs / f"{host}.log").read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.startswith("{")]
        return sum(
            r.get("event") == "rpc_done" and r.get("method", "").endswith("/Summarize")
            for r in records
        )

    def live(self) -> list[str]:
        return [host for host, process in self.replicas.items() if process.poll() is None]


def wait_serving(address: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{address} exited with {process.returncode}"
        if check(address, timeout=1.0)[0]:
            return
        time.sleep(0.2)
    raise AssertionError(f"{address} did not report SERVING")


def run_load(
    stub: gateway_pb2_grpc.GatewayServiceStub,
    calls: int,
    workers: int = 6,
    after_call: Callable[[int], None] | None = None,
) -> list[str]:
    """`calls` Analyze calls from `workers` threads; each outcome is "OK" or what went wrong."""
    done = 0
    lock = threading.Lock()

    def one(_: int) -> str:
        nonlocal done
        try:
            result = stub.Analyze(REQUEST, timeout=30).results[0]
            outcome = "OK" if result.status.code == 0 else f"task: {result.status.message}"
        except grpc.RpcError as exc:
            outcome = f"call: {exc.code().name} {exc.details()}"
        with lock:
            done += 1
            count = done
        if after_call is not None:
            after_call(count)
        return outcome

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, range(calls)))


def served_now(cluster: Cluster) -> dict[str, int]:
    return {host: cluster.served(host) for host in cluster.live()}
