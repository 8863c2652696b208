"""Debian's Prometheus scrapes the six servers with the repository's scrape configuration
(deploy/prometheus/prometheus.yml, ports moved to the test stack's), a few analyses run, and
Prometheus's HTTP API answers with the series an operator relies on."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
import yaml

from tests.fakes.videos import write_video
from tests.integration.conftest import start_stack
from tubelens.cli.stack import Stack
from tubelens.servers import METRICS_PORT_OFFSET
from tubelens.settings import DEFAULT_PORTS
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PROMETHEUS = shutil.which("prometheus")
ANALYZE = "/tubelens.v1.GatewayService/Analyze"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _scrape_config(stack: Stack) -> dict:
    """The committed configuration, each target moved to the test stack's metrics port."""
    config = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())
    config["global"]["scrape_interval"] = "1s"
    by_port = {DEFAULT_PORTS[name] + METRICS_PORT_OFFSET: name for name in DEFAULT_PORTS}
    for group in config["scrape_configs"][0]["static_configs"]:
        moved = []
        for target in group["targets"]:
            name = by_port[int(target.rsplit(":", 1)[1])]
            grpc_port = int(stack.address(name).rsplit(":", 1)[1])
            moved.append(f"127.0.0.1:{grpc_port + METRICS_PORT_OFFSET}")
        group["targets"] = moved
    return config


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Stack, str]]:
    if PROMETHEUS is None:
        pytest.skip("Debian's prometheus is not installed (make setup installs it as root)")
    work = tmp_path_factory.mktemp("prometheus")
    stack = start_stack(work / "logs", {"TUBELENS_RESULT_CACHE_MAX_MB": "16"})
    web = f"127.0.0.1:{_free_port()}"
    (work / "prometheus.yml").write_text(yaml.safe_dump(_scrape_config(stack)))
    server = subprocess.Popen(
        [
            PROMETHEUS,
            f"--config.file={work / 'prometheus.yml'}",
            f"--storage.tsdb.path={work / 'data'}",
            f"--web.listen-address={web}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=(work / "prometheus.log").open("w"),
    )
    try:
        yield stack, f"http://{web}"
    finally:
        server.terminate()
        server.wait(10)
        stack.stop()


def _query(base: str, expression: str) -> list[dict]:
    url = f"{base}/api/v1/query?" + urllib.parse.urlencode({"query": expression})
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return json.load(answer)["data"]["result"]
    except OSError:
        return []  # Prometheus still starting


def _eventually(base: str, expression: str, series: int = 1, seconds: float = 60) -> list[dict]:
    """The answer to `expression` once it has at least `series` series."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = _query(base, expression)
        if len(found) >= series:
            return found
        time.sleep(0.5)
    raise AssertionError(f"Prometheus has no series for {expression} after {seconds:.0f} s")


def _value(series: list[dict]) -> float:
    return sum(float(item["value"][1]) for item in series)


def test_prometheus_sees_calls_codes_caches_and_scans(observed, tmp_path) -> None:
    stack, prometheus = observed
    ups = _eventually(prometheus, 'up{job="tubelens"} == 1', series=6)
    assert {up["metric"]["server"] for up in ups} == set(DEFAULT_PORTS)  # every endpoint answers

    bundle = shutil.copytree(SAMPLES / "en-sourdough", stack.log_dir.parent / "filmed")
    write_video(bundle / "video.mp4", seconds_per_shot=1.0, fps=5)
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        gateway = gateway_pb2_grpc.GatewayServiceStub(channel)
        for _ in range(2):  # the second is answered by the result cache
            reply = gateway.Analyze(
                gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle=str(bundle))),
                timeout=120,
            )
            assert all(result.status.code == 0 for result in reply.results)
        with pytest.raises(grpc.RpcError):
            gateway.Analyze(
                gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(url="not a link")),
                timeout=30,
            )

    buckets = _eventually(
        prometheus,
        f'tubelens_rpc_duration_seconds_bucket{{service="gateway",method="{ANALYZE}",code="OK"}}',
    )
    assert {item["metric"]["le"] for item in buckets} >= {"0.5", "+Inf"}
    refused = 'tubelens_rpc_duration_seconds_count{service="gateway",code="INVALID_ARGUMENT"}'
    assert _value(_eventually(prometheus, refused)) >= 1
    for service in ("summary", "comments", "thumbnail", "video"):
        done = f'tubelens_rpc_duration_seconds_count{{service="{service}",code="OK"}}'
        assert _value(_eventually(prometheus, done)) >= 1, service
    assert _eventually(prometheus, 'tubelens_rpc_in_flight{service="comments"}')
    assert _eventually(prometheus, 'tubelens_queue_length{service="summary",queue="workers"}')
    hits = 'tubelens_cache_lookups_total{service="gateway",cache="result",outcome="hit"}'
    assert _value(_eventually(prometheus, hits)) >= 3  # summary, comments, thumbnail
    scans = 'tubelens_video_scan_seconds_count{service="gateway",outcome="OK"}'
    assert _value(_eventually(prometheus, scans)) == 1  # the second analysis scanned nothing
