"""Access control and quotas through the real gateway process (local engine).

Three callers in the access file: `limited` (two analyses a minute, no photo cards), `busy`
(no limits) and `ops` (admin). The gateway runs with that file in TUBELENS_ACCESS_CONFIG.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from gateway.access.callers import key_digest
from tests.fakes.videos import write_video
from tubelens.cli.stack import Stack
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, photocard_pb2, uploads_pb2, usage_pb2

from .conftest import start_stack
from .test_uploads import upload_messages

pytestmark = pytest.mark.integration
KEYS = {"limited": "tlk_limited-key", "busy": "tlk_busy-key", "ops": "tlk_ops-key"}
ACCESS = f"""
[callers.limited]
api_key_sha256 = ["{key_digest(KEYS["limited"])}"]
permissions = ["analyze"]
analyses_per_minute = 2

[callers.busy]
api_key_sha256 = ["{key_digest(KEYS["busy"])}"]

[callers.ops]
api_key_sha256 = ["{key_digest(KEYS["ops"])}"]
admin = true
"""
THUMBNAIL_ONLY = gateway_pb2.AnalyzeRequest(
    video=gateway_pb2.VideoRef(bundle="en-sourdough"), tasks=[gateway_pb2.TASK_THUMBNAIL]
)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = start_stack(
        tmp_path_factory.mktemp("access-logs"), {"TUBELENS_ACCESS_CONFIG": ACCESS}
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def gateway(stack: Stack) -> Iterator[gateway_pb2_grpc.GatewayServiceStub]:
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)


def _as(caller: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {KEYS[caller]}"),)


def _details(error: grpc.RpcError) -> dict[str, object]:
    found: dict[str, object] = {}
    for detail in rpc_status.from_call(error).details:
        for kind in (
            error_details_pb2.ErrorInfo,
            error_details_pb2.QuotaFailure,
            error_details_pb2.RetryInfo,
        ):
            message = kind()
            if detail.Unpack(message):
                found[kind.__name__] = message
    return found


def test_a_call_without_credentials_is_unauthenticated_and_health_stays_open(
    stack: Stack, gateway
) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        gateway.Analyze(THUMBNAIL_ONLY, timeout=30)
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert _details(refused.value)["ErrorInfo"].reason == "CREDENTIALS_MISSING"

    with pytest.raises(grpc.RpcError) as wrong:
        gateway.Analyze(THUMBNAIL_ONLY, timeout=30, metadata=(("authorization", "Bearer x"),))
    assert wrong.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert _details(wrong.value)["ErrorInfo"].reason == "API_KEY_INVALID"

    with grpc.insecure_channel(stack.address("gateway")) as channel:
        health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
    assert health.status == health_pb2.HealthCheckResponse.SERVING


def test_a_caller_without_the_right_is_denied(gateway) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        gateway.CreatePhotoCard(
            photocard_pb2.CreatePhotoCardRequest(photo=b"x"), timeout=30, metadata=_as("limited")
        )
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert _details(refused.value)["ErrorInfo"].reason == "PERMISSION_MISSING"


def test_one_caller_is_throttled_while_the_other_proceeds_and_the_ledger_counts(
    gateway, stack: Stack
) -> None:
    for _ in range(2):
        answer = gateway.Analyze(THUMBNAIL_ONLY, timeout=60, metadata=_as("limited"))
        assert answer.results[0].status.code == 0
    with pytest.raises(grpc.RpcError) as throttled:
        gateway.Analyze(THUMBNAIL_ONLY, timeout=60, metadata=_as("limited"))
    assert throttled.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    details = _details(throttled.value)
    assert details["QuotaFailure"].violations[0].subject == "caller:limited"
    assert "analyses_per_minute" in details["QuotaFailure"].violations[0].description
    assert 0 < details["RetryInfo"].retry_delay.seconds <= 60
    assert details["ErrorInfo"].reason == "QUOTA_EXCEEDED"

    for _ in range(3):  # the other caller is not held back by it
        answer = gateway.Analyze(THUMBNAIL_ONLY, timeout=60, metadata=_as("busy"))
        assert answer.results[0].status.code == 0

    own = gateway.GetUsage(usage_pb2.GetUsageRequest(), timeout=30, metadata=_as("limited"))
    (record,) = own.records
    assert (record.caller, record.analyses, record.tasks) == ("limited", 2, 2)  # refusal: free
    today = datetime.now(UTC).date()
    assert (record.date.year, record.date.month, record.date.day) == (
        today.year,
        today.month,
        today.day,
    )

    with pytest.raises(grpc.RpcError) as nosy:
        gateway.GetUsage(
            usage_pb2.GetUsageRequest(caller="busy"), timeout=30, metadata=_as("limited")
        )
    assert nosy.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert _details(nosy.value)["ErrorInfo"].reason == "USAGE_NOT_OWN"

    everyone = gateway.GetUsage(
        usage_pb2.GetUsageRequest(caller="*"), timeout=30, metadata=_as("ops")
    )
    assert {r.caller: r.analyses for r in everyone.records} == {"busy": 3, "limited": 2}

    # The same, as a person reads it: `tubelens usage` with the admin's key.
    printed = subprocess.run(
        [
            sys.executable,
            "-m",
            "tubelens.cli.main",
            "usage",
            "--caller",
            "*",
            "--target",
            stack.address("gateway"),
        ],
        env={**os.environ, "TUBELENS_API_KEY": KEYS["ops"], "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert printed.returncode == 0, printed.stderr
    rows = {
        cells[1]: cells[2]  # caller: analyses
        for line in printed.stdout.splitlines()
        if len(cells := [cell.strip() for cell in line.strip("│ ").split("│")]) > 3
    }
    assert rows.get("busy") == "3" and rows.get("limited") == "2", printed.stdout


def test_an_upload_needs_the_right_and_is_visible_to_its_owner_only(gateway, tmp_path) -> None:
    film = write_video(tmp_path / "film.mp4", grain="still")
    with pytest.raises(grpc.RpcError) as denied:
        gateway.UploadVideo(
            upload_messages(film, thumbnail=False), timeout=60, metadata=_as("limited")
        )
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED

    stored = gateway.UploadVideo(
        upload_messages(film, thumbnail=True), timeout=60, metadata=_as("busy")
    )
    own = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(upload=stored.upload_id), tasks=[gateway_pb2.TASK_THUMBNAIL]
    )
    assert gateway.Analyze(own, timeout=60, metadata=_as("busy")).results[0].status.code == 0
    # An admin too: uploads are private (usage is what admins may read).
    with pytest.raises(grpc.RpcError) as hidden:
        gateway.Analyze(own, timeout=60, metadata=_as("ops"))
    assert hidden.value.code() == grpc.StatusCode.NOT_FOUND
    delete = uploads_pb2.DeleteUploadRequest(upload_id=stored.upload_id)
    with pytest.raises(grpc.RpcError) as hidden:
        gateway.DeleteUpload(delete, timeout=10, metadata=_as("ops"))
    assert hidden.value.code() == grpc.StatusCode.NOT_FOUND
    gateway.DeleteUpload(delete, timeout=10, metadata=_as("busy"))
