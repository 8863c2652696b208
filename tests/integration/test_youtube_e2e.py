"""A YouTube link through a real gateway process and the real services, with YouTube faked.

The fake (tests/fakes/youtube_server.py) plays the Data API, the thumbnail host and the
youtube.com pages youtube-transcript-api reads; the gateway reaches it through its
TUBELENS_YOUTUBE_* base URLs, exactly as it would reach YouTube.
"""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from tests.conftest import SAMPLES
from tests.fakes.youtube_server import FakeVideo, FakeYouTube, fake_from_bundle, make_threads
from tubelens.bundles import load_bundle
from tubelens.cli.stack import Stack
from tubelens.server.status import error_reason, status_from_rpc_error
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, summary_pb2

from .conftest import free_base_port

pytestmark = pytest.mark.integration
OK = grpc.StatusCode.OK.value[0]
EN_ID = "q7Rk2vLm9Xa"  # the English sample's id
KO_ID = "koQuietCafe"  # the Korean sample, served under an id of its own
MANY_ID = "manyComment"  # 450 comment threads
ENDLESS_ID = "endlessPage"  # one thread a page, and a nextPageToken that never runs out


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeYouTube]:
    youtube = FakeYouTube().start()
    youtube.add(fake_from_bundle(load_bundle(SAMPLES / "en-sourdough")))
    broken = fake_from_bundle(load_bundle(SAMPLES / "ko-homecafe"), video_id=KO_ID)
    broken.comments_disabled = True
    broken.captions_failure = "blocked"  # what cloud hosts often get from youtube.com
    youtube.add(broken)
    youtube.add(FakeVideo(MANY_ID, threads=make_threads(450, {0: 40}, prefix="Ugm")))
    endless = FakeVideo(ENDLESS_ID, threads=make_threads(3, prefix="Uge"), page_size=1)
    endless.paging = "endless"
    youtube.add(endless)
    yield youtube
    youtube.stop()


@pytest.fixture(scope="module")
def youtube_gateway(stack: Stack, fake: FakeYouTube, tmp_path_factory) -> Iterator:
    """A gateway process of this module's own, pointed at the fake and the shared services."""
    env = {
        **fake.settings_env(),
        **{
            f"TUBELENS_{name.upper()}_TARGET": stack.address(name)
            for name in ("summary", "comments", "thumbnail", "photocard")
        },
    }
    own = Stack(
        base_port=free_base_port(),
        only=("gateway",),
        extra_env=env,
        log_dir=tmp_path_factory.mktemp("youtube-gateway"),
    )
    own.start(60)
    with grpc.insecure_channel(own.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)
    own.stop()


def _analyze(gateway, link: str) -> gateway_pb2.AnalyzeResponse:
    request = gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(url=link))
    return gateway.Analyze(request, timeout=90)


def test_a_link_is_analysed_by_all_three_tasks_then_served_from_cache(
    youtube_gateway, fake: FakeYouTube
) -> None:
    response = _analyze(youtube_gateway, f"  https://m.youtube.com/watch?v={EN_ID}&t=1m5s ")

    assert [r.status.message for r in response.results if r.status.code != OK] == []
    summary, comments, thumbnail = response.results
    assert summary.summary.source == summary_pb2.SUMMARY_SOURCE_TRANSCRIPT
    assert summary.provenance.transcript_track == "en, uploaded by the creator"
    assert len(summary.summary.chapters) == 8  # from the description's chapter list
    assert comments.comments.analyzed_comments > 100
    assert 0 < thumbnail.thumbnail.score <= 100
    assert response.video.title.startswith("Sourdough for Beginners")
    data_api_calls = len(fake.calls("/youtube/v3/"))
    assert response.youtube_quota_units == data_api_calls >= 3
    assert comments.provenance.youtube_quota_units == data_api_calls  # metadata + comments
    assert thumbnail.provenance.youtube_quota_units == 1  # metadata only

    again = _analyze(youtube_gateway, f"https://youtu.be/{EN_ID}")
    assert [r.status.code for r in again.results] == [OK, OK, OK]
    assert again.youtube_quota_units == 0
    assert all(r.provenance.inputs_cached for r in again.results)
    assert len(fake.calls("/youtube/v3/")) == data_api_calls


def test_disabled_comments_fail_one_task_and_the_summary_uses_the_description(
    youtube_gateway,
) -> None:
    request = gateway_pb2.AnalyzeStreamRequest(video=gateway_pb2.VideoRef(url=KO_ID))
    messages = list(youtube_gateway.AnalyzeStream(request, timeout=90))
    results = {m.task_result.task: m.task_result for m in messages if m.HasField("task_result")}
    assert messages[-1].completed.succeeded_tasks == 2
    assert messages[-1].completed.youtube_quota_units == 2  # videos.list + the refused page

    comments = results[gateway_pb2.TASK_COMMENTS]
    assert comments.status.code == grpc.StatusCode.FAILED_PRECONDITION.value[0]
    assert error_reason(comments.status) == "COMMENTS_DISABLED"
    summary = results[gateway_pb2.TASK_SUMMARY]
    assert summary.status.code == OK
    assert summary.summary.source == summary_pb2.SUMMARY_SOURCE_DESCRIPTION
    assert any("blocks caption requests" in note for note in summary.provenance.notes)
    assert any("COMMENTS_DISABLED" in note for note in summary.provenance.notes)
    assert results[gateway_pb2.TASK_THUMBNAIL].status.code == OK


@pytest.mark.parametrize(
    ("link", "code", "reason"),
    [
        ("https://www.youtube.com/watch?v=aaaaaaaaaaa", "NOT_FOUND", "VIDEO_UNAVAILABLE"),
        ("https://evil.example/watch?v=aaaaaaaaaaa", "INVALID_ARGUMENT", "INVALID_VIDEO_LINK"),
    ],
)
def test_call_level_failures(youtube_gateway, link: str, code: str, reason: str) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        _analyze(youtube_gateway, link)
    assert caught.value.code() == grpc.StatusCode[code]
    assert error_reason(status_from_rpc_error(caught.value)) == reason


def test_spent_quota_is_resource_exhausted(youtube_gateway, fake: FakeYouTube) -> None:
    fake.quota_left = 0
    try:
        with pytest.raises(grpc.RpcError) as caught:
            _analyze(youtube_gateway, "bbbbbbbbbbb")  # not cached, so videos.list is needed
    finally:
        fake.quota_left = None
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert error_reason(status_from_rpc_error(caught.value)) == "QUOTA_EXCEEDED"


def test_comment_order_reaches_youtube_and_is_validated(youtube_gateway, fake: FakeYouTube) -> None:
    options = gateway_pb2.AnalysisOptions(comment_order=gateway_pb2.COMMENT_ORDER_TIME)
    request = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(url=EN_ID), tasks=[gateway_pb2.TASK_COMMENTS], options=options
    )
    [result] = youtube_gateway.Analyze(request, timeout=90).results
    assert result.status.code == OK
    assert fake.calls("/youtube/v3/commentThreads")[-1]["order"] == "time"
    request.options.comment_order = 7
    with pytest.raises(grpc.RpcError) as caught:
        youtube_gateway.Analyze(request, timeout=30)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def _comments_task(gateway, video_id: str, max_comments: int = 0) -> gateway_pb2.AnalyzeResponse:
    request = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(url=video_id),
        tasks=[gateway_pb2.TASK_COMMENTS],
        options=gateway_pb2.AnalysisOptions(max_comments=max_comments),
    )
    return gateway.Analyze(request, timeout=90)


def test_a_smaller_comment_cap_is_served_by_the_larger_cached_read(
    youtube_gateway, fake: FakeYouTube
) -> None:
    spent = len(fake.calls("/youtube/v3/"))
    first = _comments_task(youtube_gateway, MANY_ID, 400)
    assert first.youtube_quota_units == 1 + 4 == len(fake.calls("/youtube/v3/")) - spent
    second = _comments_task(youtube_gateway, MANY_ID, 399)
    [result] = second.results
    assert result.status.code == OK
    assert second.youtube_quota_units == 0 and result.provenance.inputs_cached
    assert result.comments.analyzed_comments == 399
    assert len(fake.calls("/youtube/v3/")) - spent == 5


def test_a_token_that_never_ends_stops_at_the_page_bound(
    youtube_gateway, fake: FakeYouTube
) -> None:
    # The gateway's defaults: 2,000 comments, replies of 20 threads. The bound is
    # 1 + 2 * ceil(2000 / 100) + 20 = 61 units; the thread pages stop after 20.
    spent = len(fake.calls("/youtube/v3/"))
    response = _comments_task(youtube_gateway, ENDLESS_ID)
    assert response.results[0].status.code == OK
    assert response.youtube_quota_units == 1 + 20 == len(fake.calls("/youtube/v3/")) - spent
