"""The gate every gateway call passes: who is calling (authentication), may it (authorization).

The shared server interceptor calls `admit` before the servicer runs, so a refusal is a domain
error like any other (UNAUTHENTICATED or PERMISSION_DENIED with an ErrorInfo reason). Health and
reflection never reach it. The caller is then known to the servicer through `current_caller`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextvars import ContextVar

import structlog

from gateway.access.callers import ANONYMOUS, Caller
from gateway.access.verifiers import Credentials, Verifier
from tubelens.errors import PermissionDenied, Unauthenticated

_SERVICE = "/tubelens.v1.GatewayService/"
_OPERATIONS = "/google.longrunning.Operations/"
# The right each method needs; None: any known caller (GetUsage checks whose usage itself).
# A method missing here is refused, so a new RPC is closed until someone decides who may call it.
PERMISSION_OF: dict[str, str | None] = {
    _SERVICE + "Analyze": "analyze",
    _SERVICE + "AnalyzeStream": "analyze",
    _SERVICE + "CreatePhotoCard": "photocard",
    _SERVICE + "GetUsage": None,
    _SERVICE + "AnalyzeAsync": "analyze",
    _SERVICE + "UploadVideo": "upload",
    _SERVICE + "DeleteUpload": "upload",
    _SERVICE + "ListBundles": "analyze",  # what it lists is what an analysis may name
    # A caller only ever sees its own operations (gateway/operations/runner.py).
    **{
        _OPERATIONS + name: "analyze"
        for name in (
            "GetOperation",
            "ListOperations",
            "CancelOperation",
            "DeleteOperation",
            "WaitOperation",
        )
    },
}
current_caller: ContextVar[Caller | None] = ContextVar("current_caller", default=None)


class AccessGate:
    def __init__(self, callers: Mapping[str, Caller], verifier: Verifier | None) -> None:
        self._callers = dict(callers)
        self._verifier = verifier  # None: access control off, every call is `anonymous`

    @property
    def enabled(self) -> bool:
        return self._verifier is not None

    async def admit(
        self,
        method: str,
        metadata: Sequence[tuple[str, str | bytes]] | None,
        auth_context: Mapping[str, Sequence[bytes]],
    ) -> Caller:
        caller = await self._identify(metadata, auth_context)
        if method not in PERMISSION_OF:
            raise PermissionDenied(f"{method} is not open to callers.", reason="METHOD_NOT_ALLOWED")
        permission = PERMISSION_OF[method]
        if permission is not None and not caller.may(permission):
            raise PermissionDenied(
                f"Caller {caller.name!r} does not have the {permission!r} permission; ask the "
                "TubeLens operators to add it to your entry in the access file.",
                reason="PERMISSION_MISSING",
                metadata={"caller": caller.name, "permission": permission},
            )
        current_caller.set(caller)
        structlog.contextvars.bind_contextvars(caller=caller.name)
        return caller

    async def _identify(
        self,
        metadata: Sequence[tuple[str, str | bytes]] | None,
        auth_context: Mapping[str, Sequence[bytes]],
    ) -> Caller:
        if self._verifier is None:
            return self._callers[ANONYMOUS]
        name = await self._verifier.verify(credentials_of(metadata, auth_context))
        if name is None:
            raise Unauthenticated(
                "This call carries no credentials: send the header `authorization: Bearer "
                "<API key>`, or connect with a client certificate.",
                reason="CREDENTIALS_MISSING",
            )
        if name not in self._callers or name == ANONYMOUS:
            raise PermissionDenied(
                f"{name!r} is authenticated but not a registered caller of TubeLens.",
                reason="CALLER_NOT_REGISTERED",
                metadata={"caller": name},
            )
        return self._callers[name]


def credentials_of(
    metadata: Sequence[tuple[str, str | bytes]] | None,
    auth_context: Mapping[str, Sequence[bytes]],
) -> Credentials:
    bearer = None
    for key, value in metadata or ():
        if key == "authorization" and isinstance(value, str):
            scheme, _, token = value.strip().partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                bearer = token.strip()
    names = tuple(name.decode() for name in auth_context.get("x509_common_name", ()))
    return Credentials(bearer, names)
