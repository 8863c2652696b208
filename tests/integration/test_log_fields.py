"""Every server's log lines name the server, and each field has one type across all servers
(an operator's query on `code` or `ms` must not depend on which server wrote the line)."""

from __future__ import annotations

import json
from collections import defaultdict

import grpc
import pytest

from tubelens.cli.stack import Stack
from tubelens.v1 import gateway_pb2

pytestmark = pytest.mark.integration


def _kind(value: object) -> str:
    if value is None:
        return "null"  # an unset optional field goes with any type
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def test_log_fields_keep_one_type_across_servers(stack: Stack, gateway) -> None:
    ok = gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle="ko-homecafe"))
    assert all(result.status.code == 0 for result in gateway.Analyze(ok, timeout=120).results)
    with pytest.raises(grpc.RpcError):
        gateway.Analyze(gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(url="x")))

    assert stack.log_dir is not None
    kinds: dict[str, set[str]] = defaultdict(set)
    where: dict[tuple[str, str], str] = {}
    servers = set()
    for path in sorted(stack.log_dir.glob("*.log")):
        server = path.stem
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("{"):
                continue  # a traceback's continuation, or a library's own print
            event = json.loads(line)
            assert event.get("service") == server, (server, event)
            servers.add(server)
            for field, value in event.items():
                kind = _kind(value)
                if kind != "null":
                    kinds[field].add(kind)
                    where.setdefault((field, kind), f"{server}: {event.get('event')}")
    assert servers >= {"gateway", "summary", "comments", "thumbnail", "video"}
    mixed = {
        field: {kind: where[(field, kind)] for kind in found}
        for field, found in kinds.items()
        if len(found) > 1
    }
    assert not mixed, f"fields logged with more than one type: {mixed}"
    assert kinds["code"] == {"str"} and kinds["ms"] == {"number"}
