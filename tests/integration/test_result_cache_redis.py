"""Two gateway processes share their results through a real redis-server, and Redis going away
only turns the cache off: analyses go on, computed.

Needs the `redis-server` binary (Debian package redis-server, scripts/system-deps.sh)."""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from tests.conftest import SAMPLES
from tests.fakes import redis_server
from tubelens.cli.stack import Stack
from tubelens.v1 import gateway_pb2_grpc

from .conftest import free_base_port, start_stack
from .test_result_cache import analyze, calls, more

pytestmark = pytest.mark.integration
# A redis-server of this module's own; the tests are skipped, saying why, without the binary.
redis_url = redis_server.redis_url


@pytest.fixture(scope="module")
def stacks(
    tmp_path_factory: pytest.TempPathFactory, redis_url: str
) -> Iterator[tuple[Stack, Stack]]:
    """The whole stack with gateway A, and a second gateway B on the same services."""
    env = {"TUBELENS_RESULT_CACHE_URL": redis_url, "TUBELENS_RESULT_CACHE_MAX_MB": "64"}
    first = start_stack(tmp_path_factory.mktemp("redis-stack-logs"), env)
    targets = {
        f"TUBELENS_{name.upper()}_TARGET": first.address(name)
        for name in ("summary", "comments", "thumbnail", "photocard", "video")
    }
    second = Stack(
        base_port=free_base_port(),
        only=("gateway",),
        log_dir=tmp_path_factory.mktemp("redis-second-gateway"),
        extra_env={**first.extra_env, **targets},
    )
    second.start(timeout=60)
    yield first, second
    second.stop()
    first.stop()


def stub(stack: Stack) -> tuple[grpc.Channel, gateway_pb2_grpc.GatewayServiceStub]:
    channel = grpc.insecure_channel(stack.address("gateway"))
    return channel, gateway_pb2_grpc.GatewayServiceStub(channel)


def test_two_gateways_share_one_result(stacks: tuple[Stack, Stack], tmp_path: Path) -> None:
    first, second = stacks
    bundle = Path(shutil.copytree(SAMPLES / "ko-homecafe", tmp_path / "bundle"))
    channel_a, gateway_a = stub(first)
    channel_b, gateway_b = stub(second)
    with channel_a, channel_b:
        computed = analyze(gateway_a, bundle)
        before = calls(first)
        shared = analyze(gateway_b, bundle)
    assert more(before, calls(first)) == {"summary": 0, "comments": 0, "thumbnail": 0}
    assert [r.provenance.cached for r in computed.results] == [False] * 3
    assert [r.provenance.cached for r in shared.results] == [True] * 3
    assert [r.provenance.computed_at for r in shared.results] == [
        r.provenance.computed_at for r in computed.results
    ]
    assert shared.results[0].summary == computed.results[0].summary


def test_redis_going_away_turns_the_cache_off_not_the_gateway(
    stacks: tuple[Stack, Stack], redis_url: str, tmp_path: Path
) -> None:
    second = stacks[1]
    bundle = Path(shutil.copytree(SAMPLES / "en-sourdough", tmp_path / "bundle"))
    port = int(redis_url.rsplit(":", 1)[1].split("/")[0])
    # SHUTDOWN NOSAVE over the wire: the server stops as in an outage.
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(b"SHUTDOWN NOSAVE\r\n")
        conn.recv(64)
    channel, gateway = stub(second)
    with channel:
        for _ in range(2):  # both computed: nothing can be kept or read
            response = analyze(gateway, bundle)
            assert [r.provenance.cached for r in response.results] == [False] * 3
    log = (second.log_dir / "gateway.log").read_text(encoding="utf-8")
    warnings = [json.loads(line) for line in log.splitlines() if "result_cache_unavailable" in line]
    assert warnings and warnings[0]["level"] == "warning"
