"""Real servers on loopback ports, started as processes exactly as `tubelens up` starts them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import grpc
import httpx
import pytest

from tests.fakes.gemini_server import FakeGemini
from tests.fakes.model_like import ModelLike
from tubelens.cli.stack import Stack, free_base_port
from tubelens.settings import DEFAULT_SAMPLES_DIR
from tubelens.v1 import gateway_pb2_grpc


def start_stack(log_dir: Path, env: dict[str, str] | None = None, **kwargs: object) -> Stack:
    """The servers, with the samples and pytest's temporary directory (where tests write their
    own bundles; `log_dir` lies in it) as the gateway's bundle roots, and `env` on top."""
    roots = json.dumps([str(DEFAULT_SAMPLES_DIR), str(log_dir.parent)])
    stack = Stack(
        base_port=free_base_port(),
        log_dir=log_dir,
        extra_env={
            "TUBELENS_GRACE_SECONDS": "2",
            "TUBELENS_BUNDLE_ROOTS": roots,
            # Tests count downstream work: every call computes unless a test turns the
            # result cache on (tests/integration/test_result_cache*.py).
            "TUBELENS_RESULT_CACHE_MAX_MB": "0",
            # The gateway's usage ledger, operations and uploads: this stack's own.
            "XDG_STATE_HOME": str(log_dir / "state"),
            **(env or {}),
        },
        **kwargs,
    )
    stack.start(timeout=90)
    return stack


def gemini_env(base_url: str, **gemini_settings: str) -> dict[str, str]:
    """Every service on the gemini engine against the fake at `base_url`, with
    TUBELENS_GEMINI_<NAME> settings from `gemini_settings`."""
    env = {
        "TUBELENS_ENGINE": "gemini",
        "TUBELENS_GEMINI_API_KEY": "fake-key",
        "TUBELENS_GEMINI_BASE_URL": base_url,
    }
    return env | {f"TUBELENS_GEMINI_{name}": value for name, value in gemini_settings.items()}


@pytest.fixture(scope="module")
def fake() -> Iterator[tuple[FakeGemini, ModelLike]]:
    """A fake Gemini answering like a model (tests set its `delay` and `failing`)."""
    model = ModelLike()
    server = FakeGemini(model).start()
    yield server, model
    server.stop()


@pytest.fixture(scope="module")
def web(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """The web server (python -m web) alone, in front of the shared stack's gateway; a client
    with its base URL."""
    front = Stack(
        base_port=stack.base_port,
        only=("none",),  # no gRPC server of its own: the stack's gateway answers
        web_port=free_base_port(1),
        log_dir=tmp_path_factory.mktemp("web-logs"),
    )
    front.start(60)
    with httpx.Client(base_url=front.web_url, timeout=120) as client:
        yield client
    front.stop()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """All six servers, shared by the tests that only read from them."""
    running = start_stack(tmp_path_factory.mktemp("stack-logs"))
    yield running
    running.stop()


@pytest.fixture
def gateway(stack: Stack) -> Iterator[gateway_pb2_grpc.GatewayServiceStub]:
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)
