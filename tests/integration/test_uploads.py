"""Uploaded videos through the real stack: streamed to the gateway with UploadVideo, analysed
by VideoRef.upload on the local engine (shots, key frames, frames as thumbnail candidates) and
on the gemini engine (the file handed to the fake's Files API, watched by its URI)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from tests.conftest import SAMPLES
from tests.fakes.gemini_server import FakeGemini, field
from tests.fakes.model_like import ModelLike
from tests.fakes.videos import write_video
from tubelens import convert
from tubelens.cli.stack import Stack
from tubelens.domain import Comment, Transcript, TranscriptCue
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, uploads_pb2

from .conftest import gemini_env, start_stack

pytestmark = pytest.mark.integration
CHUNK = 256 * 1024
THUMBNAIL = (SAMPLES / "en-sourdough" / "thumbnail.jpg").read_bytes()
TRANSCRIPT = Transcript(
    "en",
    (
        TranscriptCue(0.0, 1.5, "We start with the yellow shot."),
        TranscriptCue(1.5, 3.0, "Then a dark blue one."),
        TranscriptCue(3.0, 4.5, "And we end on green."),
    ),
)
COMMENTS = (
    Comment("c1", "Lovely colours, great pacing!", author="ann", like_count=4),
    Comment("c2", "What camera did you use?", author="bo", like_count=1),
    Comment("c3", "Too short, I wanted more.", author="cy", like_count=0),
)


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_video(tmp_path_factory.mktemp("film") / "draft.mp4", grain="still")


def upload_messages(film: Path, thumbnail: bool) -> Iterator[uploads_pb2.UploadVideoRequest]:
    video = film.read_bytes()
    yield uploads_pb2.UploadVideoRequest(
        header=uploads_pb2.UploadHeader(
            title="Draft: three colour shots",
            description="0:00 Yellow\n0:01 Blue\n0:03 Green",
            language="en",
            video_size_bytes=len(video),
            video_mime_type="video/mp4",
            thumbnail_mime_type="image/jpeg" if thumbnail else "",
            transcript=convert.transcript_to_proto(TRANSCRIPT),
            comments=[convert.comment_to_proto(comment) for comment in COMMENTS],
        )
    )
    for at in range(0, len(video), CHUNK):
        yield uploads_pb2.UploadVideoRequest(video_chunk=video[at : at + CHUNK])
    if thumbnail:
        yield uploads_pb2.UploadVideoRequest(thumbnail_chunk=THUMBNAIL)


def _analyze(gateway, upload_id: str) -> gateway_pb2.AnalyzeResponse:
    request = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(upload=upload_id),
        options=gateway_pb2.AnalysisOptions(fresh=True),
    )
    return gateway.Analyze(request, timeout=120)


def test_an_upload_is_analysed_by_the_local_engine_and_then_deleted(stack: Stack, film) -> None:
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        gateway = gateway_pb2_grpc.GatewayServiceStub(channel)
        stored = gateway.UploadVideo(upload_messages(film, thumbnail=True), timeout=60)
        assert stored.video_bytes == film.stat().st_size and stored.thumbnail_bytes == len(
            THUMBNAIL
        )
        assert stored.upload_id and not stored.sent_to_gemini

        answer = _analyze(gateway, stored.upload_id)
        assert [r.status.message for r in answer.results if r.status.code] == []
        summary, comments, thumbnail = answer.results
        assert answer.video.title == "Draft: three colour shots" and answer.video.video_id == ""
        assert len(summary.summary.shots) >= 3  # the uploaded file itself was scanned
        assert summary.summary.key_frames  # a still per chapter
        assert comments.comments.analyzed_comments == 3
        assert thumbnail.thumbnail.width > 0  # the uploaded thumbnail was reviewed
        assert thumbnail.thumbnail.frame_suggestions  # and frames of the film offered instead

        gateway.DeleteUpload(uploads_pb2.DeleteUploadRequest(upload_id=stored.upload_id))
        with pytest.raises(grpc.RpcError) as gone:
            _analyze(gateway, stored.upload_id)
        assert gone.value.code() == grpc.StatusCode.NOT_FOUND


def test_a_refused_upload_says_why(stack: Stack) -> None:
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        gateway = gateway_pb2_grpc.GatewayServiceStub(channel)
        messages = iter(
            [
                uploads_pb2.UploadVideoRequest(
                    header=uploads_pb2.UploadHeader(title="x", video_mime_type="video/mp4")
                ),
                uploads_pb2.UploadVideoRequest(video_chunk=THUMBNAIL),  # a JPEG, not an MP4
            ]
        )
        with pytest.raises(grpc.RpcError) as refused:
            gateway.UploadVideo(messages, timeout=30)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "does not start like a video/mp4 file" in refused.value.details()


@pytest.fixture(scope="module")
def gemini_gateway(
    tmp_path_factory,
) -> Iterator[tuple[gateway_pb2_grpc.GatewayServiceStub, FakeGemini]]:
    server = FakeGemini(ModelLike()).start()
    env = {**gemini_env(server.base_url), "TUBELENS_UPLOADS_GEMINI_FILES": "true"}
    stack = start_stack(tmp_path_factory.mktemp("uploads-gemini-logs"), env)
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel), server
    stack.stop()
    server.stop()


def test_the_gemini_engine_watches_the_uploaded_file_through_the_files_api(
    gemini_gateway, film
) -> None:
    gateway, server = gemini_gateway
    stored = gateway.UploadVideo(upload_messages(film, thumbnail=False), timeout=120)
    assert stored.sent_to_gemini
    (uploaded,) = server.files.values()
    assert uploaded.data == film.read_bytes() and uploaded.mime_type == "video/mp4"
    uri = uploaded.resource(server.base_url)["uri"]

    answer = _analyze(gateway, stored.upload_id)
    summary = answer.results[0]
    assert summary.status.code == 0, summary.status.message
    watched = [part["fileData"] for call in server.calls() for part in call.parts("fileData")]
    assert [field(part, "fileUri") for part in watched] == [uri]
    assert field(watched[0], "mimeType") == "video/mp4"

    gateway.DeleteUpload(uploads_pb2.DeleteUploadRequest(upload_id=stored.upload_id))
    assert server.deleted == [uploaded.name]
