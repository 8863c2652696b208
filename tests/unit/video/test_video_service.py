"""The video service over a real in-process gRPC server: it takes a streamed file, checks it as
it comes, scans it and sends the digest; the gateway's VideoScans streams, caches and shares."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import grpc
import pytest

from gateway.sources import BundleSource
from gateway.task_requests import AnalysisPlan, summary_request, thumbnail_request
from gateway.video_scans import VideoScans, VideoScanSettings
from services.video.domain import VideoLimits
from services.video.engines.local import LocalVideoEngine
from services.video.servicer import VideoServicer
from tests.fakes.videos import write_video
from tubelens.bundles import BundleLimits, ReadLimits
from tubelens.server.interceptor import ServiceInterceptor
from tubelens.server.status import error_reason, status_from_rpc_error
from tubelens.v1 import video_pb2, video_pb2_grpc


class CountingEngine(LocalVideoEngine):
    def __init__(self, delay: float = 0.0) -> None:
        super().__init__()
        self.scans = 0
        self.delay = delay

    async def scan(self, path, max_seconds):
        self.scans += 1
        await asyncio.sleep(self.delay)
        return await super().scan(path, max_seconds)


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_video(tmp_path_factory.mktemp("video") / "video.mp4")


@pytest.fixture
async def service():
    engine = CountingEngine()
    server = grpc.aio.server(interceptors=[ServiceInterceptor()])
    servicer = VideoServicer(engine, VideoLimits(max_file_mb=1), max_uploads=2)
    video_pb2_grpc.add_VideoServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield engine, video_pb2_grpc.VideoServiceStub(channel)
    await server.stop(0)


def opener(path: Path):
    return lambda: path.open("rb")


async def scan_messages(stub, messages, timeout: float = 30):
    async def stream():
        for message in messages:
            yield message

    return await stub.ScanVideo(stream(), timeout=timeout)


def header(name: str, size: int) -> video_pb2.ScanVideoRequest:
    return video_pb2.ScanVideoRequest(
        header=video_pb2.VideoFileHeader(file_name=name, size_bytes=size)
    )


async def test_a_streamed_video_comes_back_as_shots_and_stills(service, video) -> None:
    _, stub = service
    outcome = await VideoScans(stub, VideoScanSettings(cache_size=0)).digest(
        opener(video), "video.mp4", time_left=30
    )
    digest = outcome.digest
    assert digest is not None, outcome.note
    cuts = [shot.start.ToNanoseconds() / 1e9 for shot in digest.shots[1:]]
    assert cuts == pytest.approx([1.5, 3.0], abs=0.11)
    assert 3 <= len(digest.stills) <= 48
    assert all(
        s.image_jpeg.startswith(b"\xff\xd8") and s.chapter_index == -1 for s in digest.stills
    )
    assert "scanned in" in outcome.note


async def test_a_file_over_the_limit_is_refused_before_its_bytes(service) -> None:
    _, stub = service
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await scan_messages(stub, [header("video.mp4", 5 * 1024 * 1024)])
    status = status_from_rpc_error(caught.value)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_reason(status) == "VIDEO_TOO_LARGE" and "1 MiB" in status.message


@pytest.mark.parametrize(
    ("messages", "reason"),
    [
        ([video_pb2.ScanVideoRequest(chunk=b"abc")], "INVALID_VIDEO_HEADER"),
        (
            [header("video.mp4", 10), video_pb2.ScanVideoRequest(chunk=b"x" * 11)],
            "VIDEO_SIZE_MISMATCH",
        ),
        (
            [header("video.mp4", 10), video_pb2.ScanVideoRequest(chunk=b"x" * 4)],
            "VIDEO_SIZE_MISMATCH",
        ),
        ([header("video.mp4", 3), header("video.mp4", 3)], "INVALID_VIDEO_HEADER"),
        ([header("../../etc/passwd", 3)], "INVALID_VIDEO_HEADER"),
        ([header("video.mp4", 0)], "INVALID_VIDEO_HEADER"),
    ],
)
async def test_a_malformed_stream_is_invalid_argument(service, messages, reason) -> None:
    _, stub = service
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await scan_messages(stub, messages)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_reason(status_from_rpc_error(caught.value)) == reason


async def test_a_broken_video_file_gives_a_note_not_a_failure(service, tmp_path) -> None:
    _, stub = service
    broken = tmp_path / "video.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"not really a video" * 50)
    outcome = await VideoScans(stub).digest(opener(broken), "video.mp4", time_left=30)
    assert outcome.digest is None
    assert "video.mp4" in outcome.note and "No shots or key frames" in outcome.note


async def test_a_second_scan_of_the_same_file_comes_from_the_cache(service, video, tmp_path):
    engine, stub = service
    copy = Path(shutil.copy(video, tmp_path / "video.mp4"))
    scans = VideoScans(stub, VideoScanSettings(cache_size=4))
    first = await scans.digest(opener(copy), "video.mp4", time_left=30)
    again = await scans.digest(opener(copy), "video.mp4", time_left=30)
    assert again.digest is first.digest and engine.scans == 1 and "cache" in again.note
    copy.write_bytes(copy.read_bytes())  # a changed file (new modification time) is scanned again
    await scans.digest(opener(copy), "video.mp4", time_left=30)
    assert engine.scans == 2


async def test_two_calls_on_the_same_file_at_once_share_one_scan(service, video) -> None:
    engine, stub = service
    scans = VideoScans(stub, VideoScanSettings(cache_size=0))
    first, second = await asyncio.gather(
        scans.digest(opener(video), "video.mp4", 30), scans.digest(opener(video), "video.mp4", 30)
    )
    assert engine.scans == 1 and first.digest is second.digest is not None


async def test_a_scan_past_its_time_is_dropped_with_a_note(service, video) -> None:
    engine, stub = service
    engine.delay = 5
    outcome = await VideoScans(stub, VideoScanSettings(scan_max_seconds=0.5)).digest(
        opener(video), "video.mp4", 30
    )
    assert outcome.digest is None
    assert "more than 0.5 s" in outcome.note
    assert "TUBELENS_VIDEO_SCAN_MAX_SECONDS" in outcome.note


async def test_no_time_left_and_scanning_off_skip_the_scan(service, video) -> None:
    engine, stub = service
    late = await VideoScans(stub).digest(opener(video), "video.mp4", time_left=0.05)
    off = await VideoScans(stub, VideoScanSettings(scan_max_seconds=0)).digest(
        opener(video), "video.mp4", time_left=30
    )
    assert late.digest is None and "no time was left" in late.note
    assert off.digest is None and "turned off" in off.note
    assert engine.scans == 0


SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "en-sourdough"


async def test_both_tasks_share_one_scan_and_get_the_digest(service, video, tmp_path) -> None:
    engine, stub = service
    bundle = shutil.copytree(SAMPLE, tmp_path / "bundle")
    shutil.copy(video, bundle / "video.mp4")
    source = await BundleSource.open(bundle, VideoScans(stub, VideoScanSettings(cache_size=0)))
    plan = AnalysisPlan((1, 3), "en", 100, "test", deadline=asyncio.get_running_loop().time() + 30)
    summary, thumbnail = await asyncio.gather(
        summary_request(source, plan), thumbnail_request(source, plan)
    )
    assert engine.scans == 1
    starts = [round(s.start.ToNanoseconds() / 1e9, 1) for s in summary.video_digest.shots]
    assert starts == [0.0, 1.5, 3.0]
    stills = summary.video_digest.stills
    assert stills and all(s.chapter_index == -1 and 0 < s.quality <= 1 for s in stills)
    assert [f.image for f in thumbnail.candidate_frames] == [s.image_jpeg for s in stills]
    assert "scanned in" in source.report(("video",)).notes[0]
    assert source.report(("comments",)).notes == ()


async def test_a_bundle_without_a_video_sends_no_digest(service, tmp_path) -> None:
    engine, stub = service
    source = await BundleSource.open(shutil.copytree(SAMPLE, tmp_path / "plain"), VideoScans(stub))
    plan = AnalysisPlan((1, 3), "en", 100, "test")
    summary = await summary_request(source, plan)
    thumbnail = await thumbnail_request(source, plan)
    assert not summary.HasField("video_digest") and not thumbnail.candidate_frames
    assert source.report(("video",)).notes == () and engine.scans == 0


async def test_a_video_over_the_bundle_limit_is_a_note_and_the_tasks_go_on(
    service, video, tmp_path
) -> None:
    engine, stub = service
    bundle = shutil.copytree(SAMPLE, tmp_path / "bundle")
    (bundle / "video.mp4").write_bytes(video.read_bytes() + bytes(2 * 1024 * 1024))
    limits = ReadLimits(files=BundleLimits(max_video_mb=1))
    source = await BundleSource.open(bundle, VideoScans(stub), limits)
    plan = AnalysisPlan((1, 3), "en", 100, "test", deadline=asyncio.get_running_loop().time() + 30)
    summary = await summary_request(source, plan)
    assert not summary.HasField("video_digest") and engine.scans == 0
    note = source.report(("video",)).notes[0]
    assert "video.mp4" in note and "TUBELENS_BUNDLE_MAX_VIDEO_MB" in note


async def test_files_past_the_cap_are_refused_at_once(video) -> None:
    engine = CountingEngine(delay=2.0)
    server = grpc.aio.server(interceptors=[ServiceInterceptor()])
    servicer = VideoServicer(engine, VideoLimits(), max_uploads=1)
    video_pb2_grpc.add_VideoServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    data = video.read_bytes()
    messages = [header("video.mp4", len(data)), video_pb2.ScanVideoRequest(chunk=data)]
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = video_pb2_grpc.VideoServiceStub(channel)
            first = asyncio.ensure_future(scan_messages(stub, messages))
            await asyncio.sleep(0.5)
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await scan_messages(stub, messages)
            assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            assert (await first).digest.shots
    finally:
        await server.stop(0)
