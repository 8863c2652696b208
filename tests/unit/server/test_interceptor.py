"""The interceptor maps domain errors to statuses; tested through a real in-process aio server."""

from __future__ import annotations

import grpc
import pytest

from services.summary.domain import ChapterOrigin, KeyPoint, Summary, SummarySource
from tests.unit.server.conftest import summary_request
from tubelens.domain import Provenance
from tubelens.errors import FailedPrecondition, InvalidInput, NotFound, TubeLensError
from tubelens.server.status import error_reason, status_from_rpc_error
from tubelens.v1 import summary_pb2


class ScriptedEngine:
    def __init__(self) -> None:
        self.error: Exception | None = None

    async def summarize(self, request):
        if self.error is not None:
            raise self.error
        summary = Summary(
            tldr=f"About {request.video.title}.",
            key_points=(KeyPoint("First point.", 12.5, SummarySource.TRANSCRIPT),),
            chapters=(),
            chapter_origin=ChapterOrigin.NONE,
            source=SummarySource.TRANSCRIPT,
            language="en",
        )
        return summary, Provenance("local", "tubelens-local", "summary-local-1", notes=("n",))


@pytest.fixture
async def client(serve_summary):
    engine = ScriptedEngine()
    async with serve_summary(engine) as stub:
        yield engine, stub


async def test_success_converts_domain_to_proto(client) -> None:
    _, stub = client
    response = await stub.Summarize(summary_request(), timeout=5)
    assert response.result.tldr == "About Bread."
    assert response.result.key_points[0].start.ToMilliseconds() == 12500
    assert response.result.key_points[0].source == summary_pb2.SUMMARY_SOURCE_TRANSCRIPT
    assert response.provenance.prompt_version == "summary-local-1"
    assert list(response.provenance.notes) == ["n"]


@pytest.mark.parametrize(
    ("error", "code", "reason"),
    [
        (
            InvalidInput("bad link", reason="INVALID_VIDEO_LINK"),
            grpc.StatusCode.INVALID_ARGUMENT,
            "INVALID_VIDEO_LINK",
        ),
        (NotFound("gone"), grpc.StatusCode.NOT_FOUND, "NOT_FOUND"),
        (
            FailedPrecondition("no face", reason="NO_FACE"),
            grpc.StatusCode.FAILED_PRECONDITION,
            "NO_FACE",
        ),
    ],
)
async def test_domain_errors_become_statuses_with_reasons(
    client, error: TubeLensError, code, reason: str
) -> None:
    engine, stub = client
    engine.error = error
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.Summarize(summary_request(), timeout=5)
    assert caught.value.code() == code
    assert caught.value.details() == error.message
    assert error_reason(status_from_rpc_error(caught.value)) == reason


async def test_unexpected_errors_are_internal_and_name_the_request_id(client) -> None:
    engine, stub = client
    engine.error = ZeroDivisionError("secret internals")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.Summarize(summary_request(), metadata=(("x-request-id", "req-42"),), timeout=5)
    assert caught.value.code() == grpc.StatusCode.INTERNAL
    assert "req-42" in caught.value.details()
    assert "secret" not in caught.value.details()
