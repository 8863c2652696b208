"""A call within its deadline is never cut by the server's own connection housekeeping."""

from __future__ import annotations

import asyncio

import grpc
import pytest

from services.summary.domain import ChapterOrigin, Summary, SummarySource
from tests.unit.server.conftest import summary_request
from tubelens.domain import Provenance
from tubelens.server.interceptor import ServiceInterceptor
from tubelens.server.runner import server_options
from tubelens.server.status import error_reason, status_from_rpc_error
from tubelens.settings import ServerSettings


class SlowEngine:
    """Takes `seconds` to summarise: longer than the connection may live."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    async def summarize(self, request):
        await asyncio.sleep(self.seconds)
        summary = Summary("Slow.", (), (), ChapterOrigin.NONE, SummarySource.DESCRIPTION, "en")
        return summary, Provenance("local", "tubelens-local", "summary-local-1")


async def test_a_call_running_past_the_connection_age_finishes(serve_summary) -> None:
    # The connection ages out after 0.5 s and the SIGTERM drain is 0.2 s; the call takes 2.5 s,
    # well within its 20 s deadline. gRPC used to give it only the drain time and cut it with
    # UNAVAILABLE "max connection age".
    settings = ServerSettings(max_connection_age_seconds=0.5, grace_seconds=0.2)
    async with serve_summary(SlowEngine(2.5), options=server_options(settings)) as stub:
        response = await stub.Summarize(summary_request(), timeout=20)
    assert response.result.tldr == "Slow."


async def test_the_connection_still_rotates_for_new_calls(serve_summary) -> None:
    """The long grace keeps old calls alive; new calls after the age go on a new connection."""
    settings = ServerSettings(max_connection_age_seconds=0.3, grace_seconds=0.2)
    async with serve_summary(SlowEngine(0.0), options=server_options(settings)) as stub:
        await stub.Summarize(summary_request(), timeout=5)
        await asyncio.sleep(1.0)  # the first connection is told to go away (GOAWAY)
        response = await stub.Summarize(summary_request(), timeout=5)
    assert response.result.tldr == "Slow."


async def test_a_call_longer_than_the_server_allows_ends_with_a_clear_status(
    serve_summary,
) -> None:
    interceptor = ServiceInterceptor(max_call_seconds=0.3)
    async with serve_summary(SlowEngine(5.0), interceptor) as stub:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.Summarize(summary_request(), timeout=20)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert error_reason(status_from_rpc_error(caught.value)) == "CALL_TOO_LONG"
    assert "TUBELENS_MAX_CALL_SECONDS" in caught.value.details()
