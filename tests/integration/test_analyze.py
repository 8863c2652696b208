"""Through the gateway to all four real services, on loopback."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from tubelens.cli.stack import SERVERS, Stack
from tubelens.server.status import error_reason, status_from_rpc_error
from tubelens.v1 import gateway_pb2, photocard_pb2

pytestmark = pytest.mark.integration
OK = grpc.StatusCode.OK.value[0]


@pytest.mark.parametrize("sample", ["en-sourdough", "ko-homecafe"])
def test_all_tasks_succeed_on_each_sample(gateway, sample: str) -> None:
    response = gateway.Analyze(
        gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle=sample)), timeout=60
    )

    assert [r.task for r in response.results] == [
        gateway_pb2.TASK_SUMMARY,
        gateway_pb2.TASK_COMMENTS,
        gateway_pb2.TASK_THUMBNAIL,
    ]
    assert [r.status.message for r in response.results if r.status.code != OK] == []
    summary, comments, thumbnail = response.results
    assert summary.summary.tldr and summary.summary.key_points and summary.summary.chapters
    assert comments.comments.analyzed_comments > 100
    assert 0 < thumbnail.thumbnail.score <= 100
    # Engines' notes reach the caller through provenance.
    assert any("spam" in note for note in comments.provenance.notes)
    assert any("tesseract" in note for note in thumbnail.provenance.notes)
    assert all(r.provenance.engine == 1 and r.provenance.prompt_version for r in response.results)
    assert response.video.title and response.request_id


def test_requested_subset_and_duplicates(gateway) -> None:
    response = gateway.Analyze(
        gateway_pb2.AnalyzeRequest(
            video=gateway_pb2.VideoRef(bundle="en-sourdough"),
            tasks=[gateway_pb2.TASK_THUMBNAIL, gateway_pb2.TASK_THUMBNAIL],
        ),
        timeout=60,
    )
    assert [r.task for r in response.results] == [gateway_pb2.TASK_THUMBNAIL]


def test_bundle_by_path_and_stream_ends_with_completed(gateway, samples) -> None:
    request = gateway_pb2.AnalyzeStreamRequest(
        video=gateway_pb2.VideoRef(bundle=str(samples / "ko-homecafe"))
    )
    messages = list(gateway.AnalyzeStream(request, timeout=60))

    assert [m.WhichOneof("event") for m in messages] == ["task_result"] * 3 + ["completed"]
    completed = messages[-1].completed
    assert (completed.succeeded_tasks, completed.failed_tasks) == (3, 0)
    assert {m.task_result.task for m in messages[:3]} == {1, 2, 3}


@pytest.mark.parametrize(
    ("ref", "code", "reason", "words"),
    [
        (
            gateway_pb2.VideoRef(url="https://vimeo.com/123456"),
            grpc.StatusCode.INVALID_ARGUMENT,
            "INVALID_VIDEO_LINK",
            "not a YouTube video link",
        ),
        (
            gateway_pb2.VideoRef(url="https://youtu.be/dQw4w9WgXcQ"),
            grpc.StatusCode.FAILED_PRECONDITION,
            "YOUTUBE_NOT_CONFIGURED",
            "YouTube access is not configured",
        ),
        (
            gateway_pb2.VideoRef(bundle="no-such-sample"),
            grpc.StatusCode.NOT_FOUND,
            "BUNDLE_NOT_FOUND",
            "Available samples: en-sourdough, ko-homecafe",
        ),
        (
            gateway_pb2.VideoRef(),
            grpc.StatusCode.INVALID_ARGUMENT,
            "VIDEO_MISSING",
            "names no video",
        ),
    ],
)
def test_bad_references_get_a_readable_status(gateway, ref, code, reason, words) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        gateway.Analyze(gateway_pb2.AnalyzeRequest(video=ref), timeout=10)
    assert caught.value.code() == code
    assert words in caught.value.details()
    assert error_reason(status_from_rpc_error(caught.value)) == reason


def test_unknown_task_is_invalid(gateway) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        gateway.Analyze(
            gateway_pb2.AnalyzeRequest(
                video=gateway_pb2.VideoRef(bundle="en-sourdough"), tasks=[0]
            ),
            timeout=10,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "TASK_SUMMARY" in caught.value.details()


def test_photocard_through_gateway(gateway, samples) -> None:
    card = gateway.CreatePhotoCard(
        photocard_pb2.CreatePhotoCardRequest(
            photo=(samples / "portrait" / "astronaut.png").read_bytes(),
            prompt="Hello",
            layout=photocard_pb2.CARD_LAYOUT_SQUARE,
        ),
        timeout=60,
    )
    assert card.card_png.startswith(b"\x89PNG") and (card.width, card.height) == (1080, 1080)
    assert card.faces_detected == 1 and card.caption


def test_photocard_errors_keep_their_reason_through_the_gateway(gateway, samples) -> None:
    thumbnail = (samples / "en-sourdough" / "thumbnail.jpg").read_bytes()  # no face on it
    portrait = (samples / "portrait" / "astronaut.png").read_bytes()
    for photo, prompt, code, reason in [
        (b"not an image", "", grpc.StatusCode.INVALID_ARGUMENT, "INVALID_IMAGE"),
        (thumbnail, "", grpc.StatusCode.FAILED_PRECONDITION, "NO_FACE"),
        (portrait, "x" * 501, grpc.StatusCode.INVALID_ARGUMENT, "PROMPT_TOO_LONG"),
    ]:
        request = photocard_pb2.CreatePhotoCardRequest(photo=photo, prompt=prompt)
        with pytest.raises(grpc.RpcError) as caught:
            gateway.CreatePhotoCard(request, timeout=30)
        assert caught.value.code() == code
        assert error_reason(status_from_rpc_error(caught.value)) == reason


def test_health_and_reflection_on_every_server(stack: Stack) -> None:
    expected = {
        "gateway": "tubelens.v1.GatewayService",
        "summary": "tubelens.v1.SummaryService",
        "comments": "tubelens.v1.CommentsService",
        "thumbnail": "tubelens.v1.ThumbnailService",
        "photocard": "tubelens.v1.PhotoCardService",
        "video": "tubelens.v1.VideoService",
    }
    for name, _, _ in SERVERS:
        with grpc.insecure_channel(stack.address(name)) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            reply = health.Check(health_pb2.HealthCheckRequest(service=expected[name]), timeout=5)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING
            reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
            answer = next(
                reflection.ServerReflectionInfo(
                    iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5
                )
            )
            listed = {s.name for s in answer.list_services_response.service}
            assert {expected[name], "grpc.health.v1.Health"} <= listed
            if name == "gateway":  # AnalyzeAsync's operations are polled here
                assert "google.longrunning.Operations" in listed
