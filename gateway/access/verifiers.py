"""Credential verifiers: each turns what a call presents into a caller name.

A verifier answers None when the call carries no credential of its kind, a name when the
credential is good, and raises Unauthenticated when it is present but wrong. Another verifier
(an OIDC/JWT one, say) plugs in by TUBELENS_ACCESS_VERIFIER=module:factory, where
`factory(access_file)` returns an object with the same `verify` method.
"""

from __future__ import annotations

import hmac
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from gateway.access.callers import AccessFile, key_digest
from tubelens.errors import Unauthenticated


@dataclass(frozen=True, slots=True)
class Credentials:
    """What one call presents: an `authorization: Bearer` token and the common names of a
    client certificate the TLS handshake verified (empty without mTLS)."""

    bearer: str | None
    certificate_names: tuple[str, ...] = ()


class Verifier(Protocol):
    async def verify(self, credentials: Credentials) -> str | None: ...


class ApiKeyVerifier:
    """API keys, held as SHA-256 digests. Every digest is compared, in constant time, so how
    long a refusal takes says nothing about which key nearly matched."""

    def __init__(self, access: AccessFile) -> None:
        self._digests = [
            (name, bytes.fromhex(digest))
            for name, entry in access.callers.items()
            for digest in entry.api_key_sha256
        ]

    async def verify(self, credentials: Credentials) -> str | None:
        if credentials.bearer is None:
            return None
        presented = bytes.fromhex(key_digest(credentials.bearer))
        found = None
        for name, digest in self._digests:
            if hmac.compare_digest(presented, digest):
                found = name
        if found is None:
            raise Unauthenticated(
                "The API key is not valid: check the `authorization: Bearer <key>` header, "
                "or ask the TubeLens operators for a key.",
                reason="API_KEY_INVALID",
            )
        return found


class CertificateVerifier:
    """Client certificates (mTLS): the TLS handshake already checked the chain against
    TUBELENS_TLS_CLIENT_CA_FILE; this maps the certificate's common name to a caller."""

    def __init__(self, access: AccessFile) -> None:
        self._names = {
            cert_name: name
            for name, entry in access.callers.items()
            for cert_name in entry.certificate_names
        }

    async def verify(self, credentials: Credentials) -> str | None:
        for cert_name in credentials.certificate_names:
            if cert_name in self._names:
                return self._names[cert_name]
        # A certificate the CA signed but no caller claims: an API key may still say who it is.
        if credentials.certificate_names and credentials.bearer is None:
            raise Unauthenticated(
                f"The client certificate ({', '.join(credentials.certificate_names)}) belongs "
                "to no caller; ask the TubeLens operators to register it.",
                reason="CERTIFICATE_UNKNOWN",
            )
        return None


class FirstAnswer:
    """Asks each verifier in turn; the first that recognises a credential decides."""

    def __init__(self, verifiers: Sequence[Verifier]) -> None:
        self._verifiers = tuple(verifiers)

    async def verify(self, credentials: Credentials) -> str | None:
        for verifier in self._verifiers:
            name = await verifier.verify(credentials)
            if name is not None:
                return name
        return None


def build_verifier(access: AccessFile, custom: str = "") -> Verifier:
    """Client certificates first, then API keys, or the custom verifier in their place."""
    tokens: Verifier = _load(custom, access) if custom else ApiKeyVerifier(access)
    return FirstAnswer([CertificateVerifier(access), tokens])


def _load(path: str, access: AccessFile) -> Verifier:
    module_name, _, factory_name = path.partition(":")
    if not factory_name:
        raise ValueError(f"TUBELENS_ACCESS_VERIFIER must be module:factory, not {path!r}")
    factory = getattr(importlib.import_module(module_name), factory_name)
    return factory(access)
