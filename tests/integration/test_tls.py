"""TLS at the gateway, client certificates as identities (mTLS), mTLS from the gateway to a
service, and a renewed certificate taken up without a restart. Real processes, real handshakes,
certificates made by the test (tests/fakes/certificates.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from gateway.access.callers import key_digest
from tests.fakes.certificates import Issued, TestCA
from tubelens.cli.stack import Stack
from tubelens.server.status import error_reason, status_from_rpc_error
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, usage_pb2

from .conftest import free_base_port

pytestmark = pytest.mark.integration
KEY = "tlk_team-b-key"
THUMBNAIL_ONLY = gateway_pb2.AnalyzeRequest(
    video=gateway_pb2.VideoRef(bundle="en-sourdough"), tasks=[gateway_pb2.TASK_THUMBNAIL]
)


class Pki:
    def __init__(self, directory: Path) -> None:
        self.public = TestCA(directory, "public")  # signs the gateway's certificate
        self.teams = TestCA(directory, "teams")  # signs callers' client certificates
        self.internal = TestCA(directory, "internal")  # gateway <-> services, both ways
        self.gateway = self.public.issue("gateway", server=True, stem="gateway-server")
        self.team_a = self.teams.issue("team-a.clients.internal", server=False)
        self.stranger = self.teams.issue("stranger", server=False)
        self.thumbnail = self.internal.issue("thumbnail", server=True)
        self.gateway_client = self.internal.issue("gateway", server=False)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("pki"))


def _credentials(ca: Path, client: Issued | None = None) -> grpc.ChannelCredentials:
    return grpc.ssl_channel_credentials(
        ca.read_bytes(),
        client.key.read_bytes() if client else None,
        client.cert.read_bytes() if client else None,
    )


def _wait_serving(address: str, credentials: grpc.ChannelCredentials, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with grpc.secure_channel(address, credentials) as channel:
            try:
                reply = health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(), timeout=1
                )
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                if time.monotonic() > deadline:
                    raise
        time.sleep(0.2)


@pytest.fixture(scope="module")
def servers(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A thumbnail service that takes only the gateway's client certificate, and a gateway
    with mTLS for callers (client certificates required) and to the service."""
    logs, base = tmp_path_factory.mktemp("tls-logs"), free_base_port()
    service_env = {
        "TUBELENS_TLS_CERT_FILE": str(pki.thumbnail.cert),
        "TUBELENS_TLS_KEY_FILE": str(pki.thumbnail.key),
        "TUBELENS_TLS_CLIENT_CA_FILE": str(pki.internal.cert),
    }
    access = (
        f'[callers.team-a]\ncertificate_names = ["team-a.clients.internal"]\n'
        f'[callers.team-b]\napi_key_sha256 = ["{key_digest(KEY)}"]\n'
    )
    gateway_env = {
        "TUBELENS_TLS_CERT_FILE": str(pki.gateway.cert),
        "TUBELENS_TLS_KEY_FILE": str(pki.gateway.key),
        "TUBELENS_TLS_CLIENT_CA_FILE": str(pki.teams.cert),
        "TUBELENS_ACCESS_CONFIG": access,
        "TUBELENS_DOWNSTREAM_TLS_CA_FILE": str(pki.internal.cert),
        "TUBELENS_DOWNSTREAM_TLS_CERT_FILE": str(pki.gateway_client.cert),
        "TUBELENS_DOWNSTREAM_TLS_KEY_FILE": str(pki.gateway_client.key),
        "TUBELENS_RESULT_CACHE_MAX_MB": "0",
        "TUBELENS_REFLECTION": "false",
        "XDG_STATE_HOME": str(logs / "state"),  # a usage ledger of its own
    }
    service = Stack(base_port=base, only=("thumbnail",), extra_env=service_env, log_dir=logs)
    gateway = Stack(base_port=base, only=("gateway",), extra_env=gateway_env, log_dir=logs)
    try:
        service.start_one("thumbnail")
        gateway.start_one("gateway")
        _wait_serving(
            service.address("thumbnail"), _credentials(pki.internal.cert, pki.gateway_client)
        )
        _wait_serving(gateway.address("gateway"), _credentials(pki.public.cert, pki.stranger))
        yield gateway.address("gateway")
    finally:
        gateway.stop()
        service.stop()


def _gateway(
    address: str, credentials: grpc.ChannelCredentials
) -> gateway_pb2_grpc.GatewayServiceStub:
    """A stub on a channel of its own (a new connection, so a new handshake)."""
    return gateway_pb2_grpc.GatewayServiceStub(grpc.secure_channel(address, credentials))


def _refusal(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as refused:
        call()
    return refused.value


def test_a_client_certificate_is_the_callers_identity_and_reaches_the_service_over_mtls(
    servers: str, pki: Pki
) -> None:
    gateway = _gateway(servers, _credentials(pki.public.cert, pki.team_a))
    answer = gateway.Analyze(THUMBNAIL_ONLY, timeout=60)
    assert answer.results[0].status.code == 0, answer.results[0].status.message
    (record,) = gateway.GetUsage(usage_pb2.GetUsageRequest(), timeout=30).records
    assert (record.caller, record.analyses) == ("team-a", 1)  # known by its certificate alone


def test_a_certificate_no_caller_claims_needs_an_api_key(servers: str, pki: Pki) -> None:
    gateway = _gateway(servers, _credentials(pki.public.cert, pki.stranger))
    error = _refusal(lambda: gateway.GetUsage(usage_pb2.GetUsageRequest(), timeout=30))
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    assert error_reason(status_from_rpc_error(error)) == "CERTIFICATE_UNKNOWN"

    bearer = (("authorization", f"Bearer {KEY}"),)
    assert gateway.GetUsage(usage_pb2.GetUsageRequest(), timeout=30, metadata=bearer).records == []
    nosy = _refusal(
        lambda: gateway.GetUsage(
            usage_pb2.GetUsageRequest(caller="team-a"), timeout=30, metadata=bearer
        )
    )
    assert "'team-b' may read only its own usage" in nosy.details()  # the key said who


def test_no_client_certificate_or_no_tls_gets_no_call_through(servers: str, pki: Pki) -> None:
    without_cert = _gateway(servers, _credentials(pki.public.cert))
    bearer = (("authorization", f"Bearer {KEY}"),)
    error = _refusal(
        lambda: without_cert.GetUsage(usage_pb2.GetUsageRequest(), timeout=5, metadata=bearer)
    )
    assert error.code() == grpc.StatusCode.UNAVAILABLE  # the handshake fails: mTLS required

    with grpc.insecure_channel(servers) as channel:
        plain = gateway_pb2_grpc.GatewayServiceStub(channel)
        error = _refusal(lambda: plain.GetUsage(usage_pb2.GetUsageRequest(), timeout=5))
    assert error.code() == grpc.StatusCode.UNAVAILABLE  # no TLS handshake, no call


def test_reflection_can_be_turned_off_while_health_stays(servers: str, pki: Pki) -> None:
    channel = grpc.secure_channel(servers, _credentials(pki.public.cert, pki.team_a))
    reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING
    asking = reflection_pb2_grpc.ServerReflectionStub(channel).ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5
    )
    assert _refusal(lambda: next(asking)).code() == grpc.StatusCode.UNIMPLEMENTED


def test_a_renewed_certificate_is_served_to_new_connections_without_a_restart(
    servers: str, pki: Pki, tmp_path: Path
) -> None:
    renewed_ca = TestCA(tmp_path, "public-2026")
    # Rotated in place, as a mounted Secret or cert-manager would: same paths, new files.
    fresh = renewed_ca.issue("gateway", server=True, stem="fresh")
    pki.gateway.key.write_bytes(fresh.key.read_bytes())
    pki.gateway.cert.write_bytes(fresh.cert.read_bytes())

    gateway = _gateway(servers, _credentials(renewed_ca.cert, pki.team_a))
    assert gateway.GetUsage(usage_pb2.GetUsageRequest(), timeout=30) is not None
    old = _gateway(servers, _credentials(pki.public.cert, pki.team_a))
    assert _refusal(lambda: old.GetUsage(usage_pb2.GetUsageRequest(), timeout=5)).code() == (
        grpc.StatusCode.UNAVAILABLE
    )
