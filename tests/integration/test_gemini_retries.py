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
from tests.fakes.model_like import ModelLike
from tubelens.cli.stack import Stack
from tubelens.server.status import error_reason
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

from .conftest import gemini_env, start_stack

pytestmark = pytest.mark.integration
OK = grpc.StatusCode.OK.value[0]
MAX_ATTEMPTS = 4
FAILURES = [
    (429, "Resource has been exhausted (e.g. check quota)."),
    (503, "The model is overloaded. Please try again later."),
]


class Switchable:
    """The model-like responder; or Gemini fully down; or half of the tries failing with 429 or
    503, either every other try of each distinct call or at random (seeded)."""

    def __init__(self) -> None:
        self.good = ModelLike()
        self.mode = "good"
        self.rng = random.Random(13)
        self.tries: Counter = Counter()

    def __call__(self, recorded: Recorded) -> Reply:
        if self.mode == "down":
            return error_reply(503, "The model is overloaded. Please try again later.")
        if self.mode == "alternate":
            key = _call_key(recorded)
            self.tries[key] += 1
            if self.tries[key] % 2:
                return error_reply(*FAILURES[self.tries.total() % 2])
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
    env = gemini_env(
        server.base_url,
        MAX_ATTEMPTS=str(MAX_ATTEMPTS),
        RETRY_INITIAL_SECONDS="0.05",
        RETRY_MAX_SECONDS="0.2",
    )
    stack = start_stack(tmp_path_factory.mktemp("gemini-retries-logs"), env)
    yield stack
    stack.stop()


@pytest.fixture
def gateway(stack: Stack) -> Iterator[gateway_pb2_grpc.GatewayServiceStub]:
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)


def _call_key(call: Recorded) -> tuple[str, str]:
    """A distinct upstream call: same model, same body."""
    return call.model, hashlib.sha256(json.dumps(call.body, sort_keys=True).encode()).hexdigest()


def _tries_per_call(calls: list[Recorded]) -> Counter:
    """Requests per distinct upstream call."""
    return Counter(_call_key(c) for c in calls)


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
    # Failed tasks still report the tries they were billed for, and nothing is counted twice.
    reported = sum(result.provenance.token_usage.model_calls for result in response.results)
    assert reported == len(calls)


def test_half_of_the_tries_failing_still_succeeds(gateway, fake) -> None:
    """Every distinct call fails its first try (429 or 503) and succeeds on its second: every task
    succeeds, and nothing is tried more than twice."""
    server, model = fake
    model.mode = "alternate"
    before = len(server.calls())
    response = _analyze(gateway)
    tries = _tries_per_call(server.calls()[before:])
    assert [r.status.message for r in response.results if r.status.code != OK] == []
    assert set(tries.values()) == {2}, tries


def test_at_random_half_failing_a_task_fails_only_when_a_call_spent_every_try(
    gateway, fake
) -> None:
    """At a seeded 50% of 429/503, a call fails only after MAX_ATTEMPTS failed tries (1 in 16), so
    most tasks succeed; any task that fails names Gemini, and some call of its model really did
    fail every try (no premature give-up, no retry beyond the budget)."""
    server, model = fake
    model.mode = "flaky"
    outcomes: Counter = Counter()
    for _ in range(3):
        before = len(server.calls())
        response = _analyze(gateway)
        calls = server.calls()[before:]
        tries = _tries_per_call(calls)
        assert max(tries.values()) <= MAX_ATTEMPTS, tries
        exhausted = {
            key[0]
            for key, count in tries.items()
            if count == MAX_ATTEMPTS and all(c.status != 200 for c in calls if _call_key(c) == key)
        }
        for result in response.results:
            outcomes[result.status.code == OK] += 1
            if result.status.code != OK:
                assert error_reason(result.status) in {"GEMINI_UNAVAILABLE", "GEMINI_RATE_LIMITED"}
                assert exhausted, result.status.message
    print(f"50% failing at random: {outcomes[True]} tasks OK, {outcomes[False]} failed")
    assert outcomes[True] >= 6  # of 9: a task fails at about 1 in 16 (one critical call)


def test_the_ledger_of_identical_concurrent_analyses_matches_the_fake(gateway, fake) -> None:
    """Five identical analyses at once share their model calls; summed over every task of every
    response, the reported requests and tokens equal what the fake served, so shared work is
    counted once."""
    server, model = fake
    model.mode = "good"
    model.good.delay = 0.5  # long enough for all five to be in flight together
    before = len(server.calls())
    request = gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle="en-sourdough"))
    try:
        futures = [gateway.Analyze.future(request, timeout=60) for _ in range(5)]
        responses = [future.result() for future in futures]
    finally:
        model.good.delay = 0.0
    served = server.calls()[before:]
    results = [result for response in responses for result in response.results]
    assert [r.status.message for r in results if r.status.code != OK] == []
    usages = [result.provenance.token_usage for result in results]
    assert sum(u.model_calls for u in usages) == len(served)
    assert sum(u.total_tokens for u in usages) == sum(
        (c.usage or {}).get("totalTokenCount", 0) for c in served
    )
    assert sum(u.shared_calls for u in usages) > 0  # the sharing really happened
    shared_only = [r for r in results if r.provenance.token_usage.model_calls == 0]
    assert all(r.provenance.cached for r in shared_only)
