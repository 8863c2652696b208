"""AnalyzeAsync and google.longrunning.Operations through the real stack: the services on the
gemini engine against the fake Gemini (so an analysis can be made slow), operations kept in a
real redis-server, two registered callers."""

from __future__ import annotations

import time
from collections.abc import Iterator

import grpc
import pytest
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.rpc import code_pb2

from gateway.access.callers import key_digest
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

from .conftest import gemini_env, start_stack

pytestmark = pytest.mark.integration
pytest_plugins = ["tests.fakes.redis_server"]
KEYS = {"team-a": "tlk_team-a-key", "team-b": "tlk_team-b-key"}
ACCESS = "".join(
    f'[callers.{name}]\napi_key_sha256 = ["{key_digest(key)}"]\n' for name, key in KEYS.items()
)
SOURDOUGH = gateway_pb2.AnalyzeAsyncRequest(video=gateway_pb2.VideoRef(bundle="en-sourdough"))


def _as(caller: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {KEYS[caller]}"),)


@pytest.fixture(scope="module")
def channel(fake, redis_url: str, tmp_path_factory) -> Iterator[grpc.Channel]:
    server, _ = fake
    env = {
        **gemini_env(server.base_url, RETRY_INITIAL_SECONDS="0.01"),
        "TUBELENS_ACCESS_CONFIG": ACCESS,
        "TUBELENS_OPERATIONS_URL": redis_url,
        "TUBELENS_OPERATIONS_CANCEL_POLL_SECONDS": "0.2",
    }
    stack = start_stack(tmp_path_factory.mktemp("operations-logs"), env)
    with grpc.insecure_channel(stack.address("gateway")) as opened:
        yield opened
    stack.stop()


def _poll(operations, name: str, caller: str, seconds: float = 60) -> operations_pb2.Operation:
    deadline = time.monotonic() + seconds
    while True:
        operation = operations.GetOperation(
            operations_pb2.GetOperationRequest(name=name), timeout=10, metadata=_as(caller)
        )
        if operation.done or time.monotonic() > deadline:
            return operation
        time.sleep(0.2)


def test_an_operation_is_polled_to_its_analysis_and_listed(channel, fake) -> None:
    _, model = fake
    model.delay = 0.0
    gateway = gateway_pb2_grpc.GatewayServiceStub(channel)
    operations = operations_pb2_grpc.OperationsStub(channel)

    started = gateway.AnalyzeAsync(SOURDOUGH, timeout=10, metadata=_as("team-a"))
    assert started.name.startswith("operations/") and not started.done
    done = _poll(operations, started.name, "team-a")

    assert done.done and not done.HasField("error")
    response, metadata = gateway_pb2.AnalyzeResponse(), gateway_pb2.AnalyzeOperationMetadata()
    assert done.response.Unpack(response) and done.metadata.Unpack(metadata)
    assert [r.status.code for r in response.results] == [0, 0, 0]
    assert response.video.title  # the real analysis of the bundle
    assert (metadata.requested_tasks, metadata.finished_tasks) == (3, 3)
    assert metadata.caller == "team-a" and metadata.request_id == response.request_id

    listed = operations.ListOperations(
        operations_pb2.ListOperationsRequest(filter="done=true"), timeout=10, metadata=_as("team-a")
    )
    assert started.name in [operation.name for operation in listed.operations]
    with pytest.raises(grpc.RpcError) as foreign:
        operations.GetOperation(
            operations_pb2.GetOperationRequest(name=started.name),
            timeout=10,
            metadata=_as("team-b"),
        )
    assert foreign.value.code() == grpc.StatusCode.NOT_FOUND  # not even confirmed to exist

    operations.DeleteOperation(
        operations_pb2.DeleteOperationRequest(name=started.name), timeout=10, metadata=_as("team-a")
    )
    with pytest.raises(grpc.RpcError) as deleted:
        operations.GetOperation(
            operations_pb2.GetOperationRequest(name=started.name),
            timeout=10,
            metadata=_as("team-a"),
        )
    assert deleted.value.code() == grpc.StatusCode.NOT_FOUND


def test_a_cancelled_operation_ends_cancelled_and_its_model_calls_are_dropped(
    channel, fake
) -> None:
    server, model = fake
    model.delay = 30.0  # every model call hangs until cancelled
    gateway = gateway_pb2_grpc.GatewayServiceStub(channel)
    operations = operations_pb2_grpc.OperationsStub(channel)
    before = len(server.calls())

    started = gateway.AnalyzeAsync(SOURDOUGH, timeout=10, metadata=_as("team-a"))
    deadline = time.monotonic() + 30
    while len(server.calls()) == before and time.monotonic() < deadline:
        time.sleep(0.1)  # until the services are waiting on the model
    operations.CancelOperation(
        operations_pb2.CancelOperationRequest(name=started.name), timeout=10, metadata=_as("team-a")
    )
    done = _poll(operations, started.name, "team-a", seconds=20)
    model.delay = 0.0

    metadata = gateway_pb2.AnalyzeOperationMetadata()
    done.metadata.Unpack(metadata)
    assert done.done and done.error.code == code_pb2.CANCELLED
    assert metadata.cancel_requested
    time.sleep(1.0)
    calls = server.calls()[before:]
    assert calls and all(call.disconnected for call in calls)  # the model calls were dropped


def test_a_bad_request_is_refused_at_once_not_as_an_operation(channel) -> None:
    gateway = gateway_pb2_grpc.GatewayServiceStub(channel)
    bad = gateway_pb2.AnalyzeAsyncRequest(
        video=gateway_pb2.VideoRef(bundle="en-sourdough"), tasks=[99]
    )
    with pytest.raises(grpc.RpcError) as refused:
        gateway.AnalyzeAsync(bad, timeout=10, metadata=_as("team-a"))
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
