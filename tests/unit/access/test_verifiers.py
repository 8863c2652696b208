"""API keys (digests, constant-time), client certificates, and a plugged-in verifier."""

from __future__ import annotations

import hmac

import pytest

from gateway.access.callers import key_digest, parse_access
from gateway.access.verifiers import (
    ApiKeyVerifier,
    Credentials,
    build_verifier,
)
from tubelens.errors import Unauthenticated

KEY_A, KEY_B = "tlk_team-a-secret", "tlk_team-b-secret"
ACCESS = parse_access(
    f"""
    [callers.team-a]
    api_key_sha256 = ["{key_digest(KEY_A)}", "{key_digest("tlk_rotated")}"]
    certificate_names = ["team-a.clients.internal"]

    [callers.team-b]
    api_key_sha256 = ["{key_digest(KEY_B)}"]
    """,
    "test",
)


async def test_a_key_names_its_caller_and_both_keys_of_a_rotation_work() -> None:
    verifier = build_verifier(ACCESS)
    assert await verifier.verify(Credentials(KEY_A)) == "team-a"
    assert await verifier.verify(Credentials("tlk_rotated")) == "team-a"
    assert await verifier.verify(Credentials(KEY_B)) == "team-b"


async def test_no_credential_is_none_and_a_wrong_key_is_unauthenticated() -> None:
    verifier = build_verifier(ACCESS)
    assert await verifier.verify(Credentials(None)) is None
    with pytest.raises(Unauthenticated) as refused:
        await verifier.verify(Credentials("tlk_guess"))
    assert refused.value.reason == "API_KEY_INVALID"
    assert "tlk_guess" not in refused.value.message  # keys never echo back


async def test_every_stored_digest_is_compared_even_after_a_match(monkeypatch) -> None:
    compared: list[bytes] = []
    real = hmac.compare_digest

    def counting(a: bytes, b: bytes) -> bool:
        compared.append(b)
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", counting)
    await ApiKeyVerifier(ACCESS).verify(Credentials(KEY_A))  # the first digest matches
    assert len(compared) == 3


async def test_a_client_certificate_maps_to_its_caller_and_an_unknown_one_is_refused() -> None:
    verifier = build_verifier(ACCESS)
    assert await verifier.verify(Credentials(None, ("team-a.clients.internal",))) == "team-a"
    with pytest.raises(Unauthenticated) as refused:
        await verifier.verify(Credentials(None, ("stranger",)))
    assert refused.value.reason == "CERTIFICATE_UNKNOWN"


class TokenIsName:
    """A stand-in for an OIDC verifier: accepts tokens "jwt:<name>"."""

    def __init__(self, access: object) -> None:
        self.access = access

    async def verify(self, credentials: Credentials) -> str | None:
        if credentials.bearer is None:
            return None
        if not credentials.bearer.startswith("jwt:"):
            raise Unauthenticated("not a token", reason="TOKEN_INVALID")
        return credentials.bearer.removeprefix("jwt:")


async def test_a_plugged_in_verifier_replaces_api_keys() -> None:
    verifier = build_verifier(ACCESS, f"{__name__}:TokenIsName")
    assert await verifier.verify(Credentials("jwt:team-b")) == "team-b"
    with pytest.raises(Unauthenticated):
        await verifier.verify(Credentials(KEY_A))  # keys no longer count
    # certificates still do
    assert await verifier.verify(Credentials(None, ("team-a.clients.internal",))) == "team-a"


def test_a_verifier_path_without_a_factory_is_refused() -> None:
    with pytest.raises(ValueError, match="module:factory"):
        build_verifier(ACCESS, "some.module")
