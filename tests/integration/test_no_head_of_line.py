"""Heavy analyses do not hold up light ones: while eight analyses of bundles with long videos
are scanning them, another caller's comments analysis finishes well inside its 15 s deadline and
the gateway answers health checks at once (the reviewer saw both fail with the scan inside the
gateway)."""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.fakes.videos import write_video
from tubelens.cli.stack import Stack
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

pytestmark = pytest.mark.integration
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
OK = grpc.StatusCode.OK.value[0]


@pytest.fixture(scope="module")
def long_video_bundles(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Eight bundles, each with its own copy of a 4-minute 640x360 film (eight scans) of 48 MB,
    a real upload's bitrate (1.6 Mbit/s)."""
    folder = tmp_path_factory.mktemp("hol")
    colours = tuple(((i * 53) % 256, (i * 97) % 256, (i * 31) % 256) for i in range(120))
    film = write_video(folder / "film.mp4", 2.0, 25, colours, size=(640, 360), grain="still")
    bundles = []
    for index in range(8):
        bundle = shutil.copytree(SAMPLES / "en-sourdough", folder / f"film{index}")
        shutil.copy(film, bundle / "video.mp4")
        bundles.append(str(bundle))
    return bundles


@pytest.mark.timeout(300)
def test_light_calls_go_through_while_video_scans_run(stack: Stack, long_video_bundles) -> None:
    heavy = [
        gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle=b)) for b in long_video_bundles
    ]
    light = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(bundle="ko-homecafe"), tasks=[gateway_pb2.TASK_COMMENTS]
    )
    with grpc.insecure_channel(stack.address("gateway")) as channel, ThreadPoolExecutor(9) as pool:
        stub = gateway_pb2_grpc.GatewayServiceStub(channel)
        health = health_pb2_grpc.HealthStub(channel)
        scans = [pool.submit(stub.Analyze, request, timeout=120) for request in heavy]
        time.sleep(2.0)  # the scans are under way
        started = time.monotonic()
        answer = stub.Analyze(light, timeout=15)
        light_seconds = time.monotonic() - started
        slowest_health = 0.0
        for _ in range(10):
            begun = time.monotonic()
            health.Check(health_pb2.HealthCheckRequest(), timeout=5)
            slowest_health = max(slowest_health, time.monotonic() - begun)
            time.sleep(0.1)
        heavy_codes = [future.result().results[0].status.code for future in scans]
    print(
        f"light analysis {light_seconds:.1f} s; slowest health check {slowest_health * 1000:.0f} ms"
    )
    assert [r.status.code for r in answer.results] == [OK]
    assert slowest_health < 0.5
    assert len(heavy_codes) == 8  # the heavy calls were answered too
