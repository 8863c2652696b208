"""RPC latency by method and code, calls in flight and queue lengths, read back from
prometheus_client's registry after real calls through an in-process aio server; and the
/metrics endpoint on its own port."""

from __future__ import annotations

import asyncio
import urllib.request

import grpc
import pytest
from prometheus_client import REGISTRY

from tests.unit.server.conftest import summary_request
from tests.unit.server.test_interceptor import ScriptedEngine
from tubelens.errors import InvalidInput
from tubelens.observability import metrics
from tubelens.server.admission import AdmissionQueue
from tubelens.settings import ServerSettings

SUMMARIZE = "/tubelens.v1.SummaryService/Summarize"


@pytest.fixture(autouse=True)
def named() -> None:
    metrics.name_server("summary")


def _count(code: str) -> float:
    labels = {"service": "summary", "method": SUMMARIZE, "code": code}
    return REGISTRY.get_sample_value("tubelens_rpc_duration_seconds_count", labels) or 0.0


async def test_every_call_is_one_observation_under_its_code(serve_summary) -> None:
    engine = ScriptedEngine()
    ok, invalid = _count("OK"), _count("INVALID_ARGUMENT")
    async with serve_summary(engine) as stub:
        await stub.Summarize(summary_request(), timeout=5)
        await stub.Summarize(summary_request(), timeout=5)
        engine.error = InvalidInput("bad link", reason="INVALID_VIDEO_LINK")
        with pytest.raises(grpc.aio.AioRpcError):
            await stub.Summarize(summary_request(), timeout=5)
    assert _count("OK") - ok == 2
    assert _count("INVALID_ARGUMENT") - invalid == 1
    in_flight = REGISTRY.get_sample_value("tubelens_rpc_in_flight", {"service": "summary"})
    assert in_flight == 0  # every call that started has ended


async def test_a_waiting_call_shows_in_the_queue_length() -> None:
    queue = AdmissionQueue(1, 4, "jobs", "busy", queue_name="workers")

    def length() -> float | None:
        return REGISTRY.get_sample_value(
            "tubelens_queue_length", {"service": "summary", "queue": "workers"}
        )

    release = asyncio.Event()

    async def hold() -> None:
        async with queue.slot(lambda: None):
            await release.wait()

    first = asyncio.create_task(hold())
    await asyncio.sleep(0)
    second = asyncio.create_task(hold())
    await asyncio.sleep(0.01)
    assert length() == 1
    release.set()
    await asyncio.gather(first, second)
    assert length() == 0


def test_metrics_port_is_a_thousand_above_the_grpc_port_unless_set() -> None:
    assert ServerSettings().metrics_port_for(50052) == 51052
    assert ServerSettings(metrics_port=0).metrics_port_for(50052) == 0
    assert ServerSettings(metrics_port=9464).metrics_port_for(50052) == 9464
    assert ServerSettings().metrics_port_for(65000) == 0  # no room above: none


def test_the_endpoint_serves_the_text_format(unused_tcp_port: int) -> None:
    metrics.record_upstream("gemini", "gemini-test", "503", retried=True)
    assert metrics.start_metrics("127.0.0.1", unused_tcp_port)
    with urllib.request.urlopen(f"http://127.0.0.1:{unused_tcp_port}/metrics", timeout=5) as r:
        text = r.read().decode()
    assert "# TYPE tubelens_rpc_duration_seconds histogram" in text
    assert (
        'tubelens_upstream_retries_total{endpoint="gemini-test",service="summary",'
        'upstream="gemini"}' in text
    )
    # A port already taken is reported, not fatal.
    assert not metrics.start_metrics("127.0.0.1", unused_tcp_port)
