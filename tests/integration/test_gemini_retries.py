"""One retry layer, end to end: the whole stack on the gemini engine against a failing fake Gemini.

Each service retries its Gemini calls (at most TUBELENS_GEMINI_MAX_ATTEMPTS tries per call); the
gateway must not re-ask a service that answered, so with Gemini down every distinct upstream call
is tried at most 4 times in all, the analysis ends quickly, and each task says Gemini (not our
service) is unavailable, without any internal address.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import Counter
from collections.abc import Iterator

import grpc
import pytest

from tests.fakes.gemini_server import FakeGemini, Recorded, Reply, error_reply
from tubelens.cli.stack import Stack
from tubelens.server.status import error_reason
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

from .conftest import free_base_port
from .test_gemini_gateway import ModelLike

pytestmark = pytest.mark.integration
OK = grpc.StatusCode.OK.value[0]
MAX_ATTEMPTS = 4


class Switchable:
    """The model-like responder, or Gemini fully down, or a seeded 50% of 429/503."""

    def __init__(self) -> None:
        self.good = ModelLike()
        self.mode = "good"
        self.rng = random.Random(13)

    def __call__(self, recorded: Recorded) -> Reply:
        if self.mode == "down":
            return error_reply(503, "The model is overloaded. Please try again later.")
        if self.mode == "flaky" and self.rng.random() < 0.5:
            if self.rng.random() < 0.5:
                return error_reply(429, "Resource has been exhausted (e.g. check quota).")
            return error_reply(503, "The model is overloaded. Please try again later.")
        return self.good(recorded)


@pytest.fixture(scope="module")
def fake() -> Iterator[tuple[FakeGemini, Switchable]]:
    model = Switchable()
    server = FakeGemini(model).start()
    yield server, model
    server.stop()


@pytest.fixture(scope="module")
def stack(fake, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    server, _ = fake
    stack = Stack(
        base_port=free_base_port(),
        log_dir=tmp_path_factory.mktemp("gemini-retries-logs"),
        extra_env={
            "TUBELENS_GRACE_SECONDS": "2",
            "TUBELENS_ENGINE": "gemini",
            "TUBELENS_GEMINI_API_KEY": "fake-key",
            "TUBELENS_GEMINI_BASE_URL": server.base_url,
            "TUBELENS_GEMINI_MAX_ATTEMPTS": str(MAX_ATTEMPTS),
            "TUBELENS_GEMINI_RETRY_INITIAL_SECONDS": "0.05",
            "TUBELENS_GEMINI_RETRY_MAX_SECONDS": "0.2",
        },
    )
    stack.start(timeout=90)
    yield stack
    stack.stop()


@pytest.fixture
def gateway(stack: Stack) -> Iterator[gateway_pb2_grpc.GatewayServiceStub]:
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)


def _tries_per_call(calls: list[Recorded]) -> Counter:
    """Requests per distinct upstream call (same model, same body)."""
    return Counter(
        (c.model, hashlib.sha256(json.dumps(c.body, sort_keys=True).encode()).hexdigest())
        for c in calls
    )


def _analyze(gateway) -> gateway_pb2.AnalyzeResponse:
    return gateway.Analyze(
        gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle="en-sourdough")), timeout=60
    )


def test_gemini_down_is_tried_at_most_max_attempts_per_call(gateway, fake, stack) -> None:
    server, model = fake
    model.mode = "down"
    before = len(server.calls())
    started = time.monotonic()
    response = _analyze(gateway)
    elapsed = time.monotonic() - started
    calls = server.calls()[before:]
    tries = _tries_per_call(calls)
    print(f"gemini down: {len(calls)} requests for {len(tries)} calls in {elapsed:.1f}s")

    assert elapsed <= 10
    assert response.results
    for result in response.results:
        assert result.status.code == grpc.StatusCode.UNAVAILABLE.value[0], result.status.message
        assert error_reason(result.status) == "GEMINI_UNAVAILABLE", result.status.message
        assert "127.0.0.1" not in result.status.message
        for service in ("summary", "comments", "thumbnail"):
            port = stack.address(service).rsplit(":", 1)[1]
            assert f":{port}" not in result.status.message
    assert max(tries.values()) <= MAX_ATTEMPTS, tries


def test_half_of_gemini_failing_still_succeeds(gateway, fake) -> None:
    server, model = fake
    model.mode = "flaky"
    before = len(server.calls())
    response = _analyze(gateway)
    tries = _tries_per_call(server.calls()[before:])
    assert [r.status.message for r in response.results if r.status.code != OK] == []
    assert max(tries.values()) <= MAX_ATTEMPTS, tries
