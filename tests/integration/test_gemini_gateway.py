"""The whole stack with the gemini engine selected, every service pointed at the fake Gemini.

The gateway and the four services run as real processes; the fake runs in this test process and
answers each prompt from what the request carries (the schema asked for, the comment ids sent),
as a model would, so the results are built from the real request and not from canned ids.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import grpc
import pytest

from tests.fakes.gemini_server import (
    field,
)
from tubelens.cli.stack import Stack
from tubelens.server.status import error_reason
from tubelens.v1 import common_pb2, gateway_pb2, gateway_pb2_grpc, photocard_pb2

from .conftest import gemini_env, start_stack

pytestmark = pytest.mark.integration
OK = grpc.StatusCode.OK.value[0]
COMMENTS_MODEL = "gemini-2.5-flash-lite"


@pytest.fixture(scope="module")
def gemini_stack(fake, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    server, _ = fake
    env = gemini_env(server.base_url, RETRY_INITIAL_SECONDS="0.01", MAX_ATTEMPTS="2")
    stack = start_stack(tmp_path_factory.mktemp("gemini-stack-logs"), env)
    yield stack
    stack.stop()


@pytest.fixture
def gateway(gemini_stack: Stack, fake) -> Iterator[gateway_pb2_grpc.GatewayServiceStub]:
    _, model = fake
    model.delay, model.failing = 0.0, set()
    with grpc.insecure_channel(gemini_stack.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)


def test_every_task_runs_on_gemini_in_parallel(gateway, fake) -> None:
    server, model = fake
    # Long enough for the services' calls to meet at the fake, even after a slow local review
    # (OCR on a busy machine can take a second or two before the thumbnail call goes out).
    model.delay = 3.0
    before = len(server.calls())
    response = gateway.Analyze(
        gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle="en-sourdough")), timeout=60
    )

    assert [r.status.message for r in response.results if r.status.code != OK] == []
    summary, comments, thumbnail = response.results
    assert all(r.provenance.engine == common_pb2.ENGINE_GEMINI for r in response.results)
    assert summary.provenance.prompt_version == "summary-video-2+summary-comments-1"
    assert summary.summary.key_points[0].source == 3  # SUMMARY_SOURCE_VIDEO
    assert summary.summary.comment_summary.praise  # quoted from the real comments
    assert comments.comments.analyzed_comments > 100
    assert comments.comments.like_weighted_sentiment.positive == pytest.approx(1.0)
    assert thumbnail.thumbnail.model_reading.title_match == 80
    assert thumbnail.thumbnail.score > 0  # the local metrics stay
    assert all(r.provenance.token_usage.total_tokens > 0 for r in response.results)
    calls = server.calls()[before:]
    video = next(c for c in calls if c.parts("fileData"))
    assert field(video.parts("fileData")[0]["fileData"], "fileUri").endswith(
        f"v={response.video.video_id}"
    )
    assert server.max_in_flight >= 3  # summary, comments and thumbnail calls overlapped


def test_photocard_through_the_gateway_on_gemini(gateway, samples) -> None:
    card = gateway.CreatePhotoCard(
        photocard_pb2.CreatePhotoCardRequest(
            photo=(samples / "portrait" / "astronaut.png").read_bytes(),
            prompt="안녕하세요",
            layout=photocard_pb2.CARD_LAYOUT_SQUARE,
        ),
        timeout=60,
    )
    assert card.card_png.startswith(b"\x89PNG") and (card.width, card.height) == (1080, 1080)
    assert card.caption == "An astronaut smiling in the sun"
    assert card.provenance.engine == common_pb2.ENGINE_GEMINI
    assert card.provenance.token_usage.output_tokens_by_modality["IMAGE"] > 0


def test_a_rate_limited_model_fails_only_its_task(gateway, fake) -> None:
    _, model = fake
    model.failing = {COMMENTS_MODEL}
    response = gateway.Analyze(
        gateway_pb2.AnalyzeRequest(
            video=gateway_pb2.VideoRef(bundle="en-sourdough"),
            tasks=[gateway_pb2.TASK_COMMENTS, gateway_pb2.TASK_THUMBNAIL],
        ),
        timeout=60,
    )
    comments, thumbnail = response.results
    assert comments.status.code == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
    assert error_reason(comments.status) == "GEMINI_RATE_LIMITED"
    assert thumbnail.status.code == OK


def test_cancelling_the_call_reaches_the_gemini_server(gateway, fake) -> None:
    server, model = fake
    model.delay = 20
    before = len(server.calls())
    call = gateway.AnalyzeStream(
        gateway_pb2.AnalyzeStreamRequest(
            video=gateway_pb2.VideoRef(bundle="en-sourdough"), tasks=[gateway_pb2.TASK_COMMENTS]
        ),
        timeout=60,
    )
    deadline = time.monotonic() + 20
    while len(server.calls()) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(server.calls()) > before, "the comments service never called Gemini"
    call.cancel()
    while not all(c.disconnected for c in server.calls()[before:]):
        assert time.monotonic() < deadline, "the Gemini request was not cancelled"
        time.sleep(0.05)


def test_the_deadline_cancels_the_gemini_request(gateway, fake) -> None:
    server, model = fake
    model.delay = 20
    before = len(server.calls())
    response = gateway.Analyze(
        gateway_pb2.AnalyzeRequest(
            video=gateway_pb2.VideoRef(bundle="en-sourdough"), tasks=[gateway_pb2.TASK_THUMBNAIL]
        ),
        timeout=3,
    )
    (thumbnail,) = response.results
    assert thumbnail.status.code == grpc.StatusCode.DEADLINE_EXCEEDED.value[0]
    deadline = time.monotonic() + 10
    while not all(c.disconnected for c in server.calls()[before:]):
        assert time.monotonic() < deadline, "the Gemini request outlived the deadline"
        time.sleep(0.05)
    assert len(server.calls()) > before
