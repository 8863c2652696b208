"""One Analyze with the summary and comments tasks reads each comment once: the gateway hands
the comments task's labels to the summary. The gateway, comments and summary services run in
this process (real aio servers and the gateway servicer), so the text layer can be counted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

import grpc
import pytest

from gateway import label_handoff
from gateway.clients import Downstream
from gateway.servicer import GatewayServicer
from services.comments.engines.local import LocalCommentsEngine
from services.comments.engines.local import analysis as comments_analysis
from services.comments.servicer import CommentsServicer
from services.summary.engines.local import LocalSummaryEngine, comment_section
from services.summary.servicer import SummaryServicer
from tests.conftest import SAMPLES
from tubelens.bundles import load_bundle
from tubelens.errors import InvalidInput
from tubelens.server.interceptor import ServiceInterceptor
from tubelens.settings import GatewaySettings
from tubelens.text import labels as text_labels
from tubelens.v1 import (
    comments_pb2,
    comments_pb2_grpc,
    common_pb2,
    gateway_pb2,
    summary_pb2_grpc,
)

pytestmark = pytest.mark.integration
SUMMARY, COMMENTS = gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_COMMENTS


class Context:
    """What the gateway servicer reads of a call's context."""

    def time_remaining(self) -> float:
        return 60.0


@pytest.fixture(autouse=True)
def engines_local(monkeypatch) -> None:
    """A gateway that has seen both services answer with the local engine."""
    local = common_pb2.ENGINE_LOCAL
    monkeypatch.setattr(label_handoff, "_engines", {"summary": local, "comments": local})


@pytest.fixture
async def gateway() -> AsyncIterator[SimpleNamespace]:
    """The gateway servicer's Analyze, and a stub of the comments service behind it."""
    server = grpc.aio.server(interceptors=[ServiceInterceptor()])
    comments_pb2_grpc.add_CommentsServiceServicer_to_server(
        CommentsServicer(LocalCommentsEngine()), server
    )
    summary_pb2_grpc.add_SummaryServiceServicer_to_server(
        SummaryServicer(LocalSummaryEngine()), server
    )
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
    unused = SimpleNamespace()  # thumbnail, photocard, video: not called for these tasks
    downstream = Downstream(
        summary=summary_pb2_grpc.SummaryServiceStub(channel),
        comments=comments_pb2_grpc.CommentsServiceStub(channel),
        thumbnail=unused,
        photocard=unused,
        video=unused,
        channels=(channel,),
        targets={},
    )
    servicer = GatewayServicer(downstream, GatewaySettings(bundle_roots=(SAMPLES,)))
    yield SimpleNamespace(Analyze=servicer.Analyze, comments=downstream.comments)
    await servicer.close()
    await channel.close()
    await server.stop(0)


@pytest.fixture
def readings(monkeypatch) -> list[str]:
    """Every comment text the text layer classifies, as the services ask for it."""
    read: list[str] = []

    def counted(texts):
        read.extend(texts)
        return text_labels.label_texts(texts)

    def counted_one(text):
        read.append(text)
        return text_labels.label_text(text)

    monkeypatch.setattr(comments_analysis, "label_texts", counted)
    monkeypatch.setattr(comment_section, "label_texts", counted)
    monkeypatch.setattr("services.comments.engines.local.reading.label_text", counted_one)
    return read


def analyze(tasks: list[int], **labels: int | bool) -> gateway_pb2.AnalyzeRequest:
    options = gateway_pb2.AnalysisOptions(
        language="en", comment_labels=comments_pb2.CommentLabelsOptions(**labels)
    )
    return gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(bundle="en-sourdough"), tasks=tasks, options=options
    )


async def test_both_tasks_read_each_comment_once(gateway, readings) -> None:
    comments = load_bundle(SAMPLES / "en-sourdough").comments
    alone = await gateway.Analyze(analyze([SUMMARY]), Context())
    assert 0 < len(readings) <= len(comments)  # the summary reads them itself (not the uploader's)
    readings.clear()

    both = await gateway.Analyze(analyze([SUMMARY, COMMENTS]), Context())

    assert [r.status.code for r in both.results] == [0, 0]
    assert sorted(readings) == sorted(c.text for c in comments)  # each comment read once
    summary, analysis = both.results[0].summary, both.results[1].comments
    assert summary.comment_summary == alone.results[0].summary.comment_summary
    assert not analysis.comment_labels and not analysis.HasField("comment_labels_page")


async def test_the_caller_gets_only_its_page(gateway, readings) -> None:
    request = analyze([SUMMARY, COMMENTS], include=True, offset=10, limit=25)
    both = await gateway.Analyze(request, Context())
    alone = await gateway.Analyze(analyze([COMMENTS], include=True, limit=100), Context())

    analysis = both.results[1].comments
    total = len(load_bundle(SAMPLES / "en-sourdough").comments)
    assert len(analysis.comment_labels) == 25
    page = analysis.comment_labels_page
    assert (page.total, page.offset, page.truncated, page.next_offset) == (total, 10, True, 35)
    assert list(analysis.comment_labels) == list(alone.results[0].comments.comment_labels[10:35])


async def test_bad_label_options_are_refused_before_any_work(gateway, readings) -> None:
    # The interceptor turns InvalidInput into INVALID_ARGUMENT with this message.
    for bad in ({"offset": -1}, {"limit": 100_001}):
        with pytest.raises(InvalidInput, match=r"options\.comment_labels") as caught:
            await gateway.Analyze(analyze([COMMENTS], include=True, **bad), Context())
        assert caught.value.status_code == "INVALID_ARGUMENT"
    assert readings == []


async def test_the_comments_service_answers_bad_options_with_invalid_argument(gateway) -> None:
    request = comments_pb2.AnalyzeCommentsRequest(
        comments=[{"id": "c1", "text": "hi"}],
        labels=comments_pb2.CommentLabelsOptions(include=True, limit=-3),
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await gateway.comments.AnalyzeComments(request, timeout=10)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "labels.offset and labels.limit cannot be negative" in caught.value.details()
