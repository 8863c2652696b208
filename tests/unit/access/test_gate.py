"""The gate: off (anonymous), missing credentials, permissions, methods nobody opened."""

from __future__ import annotations

import pytest

from gateway.access.callers import ANONYMOUS, callers_of, key_digest, parse_access
from gateway.access.gate import AccessGate, credentials_of, current_caller
from gateway.access.verifiers import build_verifier
from tubelens.errors import PermissionDenied, Unauthenticated

ANALYZE = "/tubelens.v1.GatewayService/Analyze"
PHOTO_CARD = "/tubelens.v1.GatewayService/CreatePhotoCard"
ACCESS = parse_access(
    f"""
    [callers.viewer]
    api_key_sha256 = ["{key_digest("tlk_viewer")}"]
    permissions = ["analyze"]
    """,
    "test",
)


def _gate(enabled: bool = True) -> AccessGate:
    return AccessGate(callers_of(ACCESS), build_verifier(ACCESS) if enabled else None)


def _bearer(key: str) -> list[tuple[str, str]]:
    return [("authorization", f"Bearer {key}"), ("x-request-id", "r1")]


async def test_with_access_off_every_call_is_anonymous() -> None:
    caller = await _gate(enabled=False).admit(PHOTO_CARD, [], {})
    assert caller.name == ANONYMOUS
    assert current_caller.get() is caller


async def test_a_known_key_is_admitted_and_bound_for_the_servicer() -> None:
    caller = await _gate().admit(ANALYZE, _bearer("tlk_viewer"), {})
    assert caller.name == "viewer"
    assert current_caller.get() is caller


async def test_no_credentials_is_unauthenticated() -> None:
    with pytest.raises(Unauthenticated) as refused:
        await _gate().admit(ANALYZE, [("x-request-id", "r1")], {})
    assert refused.value.reason == "CREDENTIALS_MISSING"
    assert "authorization: Bearer" in refused.value.message


async def test_a_caller_without_the_permission_is_denied() -> None:
    with pytest.raises(PermissionDenied) as refused:
        await _gate().admit(PHOTO_CARD, _bearer("tlk_viewer"), {})
    assert refused.value.reason == "PERMISSION_MISSING"
    assert refused.value.metadata == {"caller": "viewer", "permission": "photocard"}


async def test_a_method_no_one_opened_is_denied() -> None:
    with pytest.raises(PermissionDenied) as refused:
        await _gate().admit("/tubelens.v1.GatewayService/DropTables", _bearer("tlk_viewer"), {})
    assert refused.value.reason == "METHOD_NOT_ALLOWED"


def test_credentials_read_the_bearer_scheme_case_insensitively_and_certificate_names() -> None:
    credentials = credentials_of(
        [("authorization", "bearer  tlk_x ")], {"x509_common_name": [b"team-a"]}
    )
    assert credentials.bearer == "tlk_x"
    assert credentials.certificate_names == ("team-a",)
    assert credentials_of([("authorization", "Basic dXNlcg==")], {}).bearer is None
