"""The analysed thumbnail sent back with its review (AnalysisOptions.include_thumbnail_image):
reduced to fit within 640x360, aspect ratio kept, never enlarged, made from the very image the
thumbnail service was sent, and only when asked."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import cv2
import numpy as np
import pytest

from gateway import thumbnail_image
from gateway.inputs import InputReport
from gateway.task_requests import AnalysisPlan
from gateway.tasks import run_task
from gateway.thumbnail_image import attach_image, fitted_size, reduced_jpeg
from tests.conftest import SAMPLES
from tubelens.domain import VideoMetadata
from tubelens.v1 import common_pb2, gateway_pb2, thumbnail_pb2

THUMBNAIL = gateway_pb2.TASK_THUMBNAIL


def encoded(width: int, height: int, ext: str = ".jpg") -> bytes:
    """A picture with a white square on the left half of a blue ground, as `ext`."""
    picture = np.full((height, width, 3), (200, 60, 20), np.uint8)
    side = min(width, height) // 2
    top = (height - side) // 2
    picture[top : top + side, width // 4 - side // 2 : width // 4 + side // 2] = 255
    ok, data = cv2.imencode(ext, picture)
    assert ok
    return data.tobytes()


def decoded(jpeg: bytes) -> np.ndarray:
    assert jpeg.startswith(b"\xff\xd8\xff")  # a JPEG, whatever was sent
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None
    return image


@pytest.mark.parametrize(
    ("size", "fitted"),
    [
        ((1280, 720), (640, 360)),
        ((1920, 1080), (640, 360)),
        ((4000, 3000), (480, 360)),
        ((720, 1280), (202, 360)),
        ((3000, 400), (640, 85)),
        ((320, 180), (320, 180)),  # smaller already: never enlarged
        ((1, 5000), (1, 360)),
    ],
)
def test_sizes_fit_within_640x360_with_the_aspect_ratio_kept(size, fitted) -> None:
    assert fitted_size(*size) == fitted


@pytest.mark.parametrize(
    ("width", "height", "ext"),
    [(1280, 720, ".jpg"), (2000, 1500, ".jpg"), (900, 1600, ".png"), (300, 200, ".png")],
)
def test_an_image_comes_back_as_a_reduced_jpeg_of_the_same_picture(width, height, ext) -> None:
    image = decoded(reduced_jpeg(encoded(width, height, ext), width, height))
    rows, columns = image.shape[:2]
    assert (columns, rows) == fitted_size(width, height)
    # The same picture: the white square is where it was, the ground as blue as it was.
    assert image[rows // 2, columns // 4].min() > 230
    assert np.abs(image[rows // 2, columns * 7 // 8].astype(int) - (200, 60, 20)).max() < 12


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_and_others_at_full_size(monkeypatch) -> None:
    flags = []
    real = cv2.imdecode
    monkeypatch.setattr(cv2, "imdecode", lambda data, flag: flags.append(flag) or real(data, flag))
    reduced_jpeg(encoded(1280, 720), 1280, 720)
    reduced_jpeg(encoded(2880, 1620), 2880, 1620)  # 1/4 leaves 720x405, still above 640x360
    reduced_jpeg(encoded(2880, 1620), 0, 0)  # size unknown: decoded whole, then reduced
    reduced_jpeg(encoded(2880, 1620, ".png"), 2880, 1620)  # libpng cannot scale as it reads
    reduced_jpeg(encoded(600, 300), 600, 300)  # too small to scale
    assert flags == [
        cv2.IMREAD_REDUCED_COLOR_2,
        cv2.IMREAD_REDUCED_COLOR_4,
        cv2.IMREAD_COLOR,
        cv2.IMREAD_COLOR,
        cv2.IMREAD_COLOR,
    ]


def test_the_samples_reduce_to_640x360() -> None:
    for name in ("en-sourdough", "ko-homecafe"):
        sample = (SAMPLES / name / "thumbnail.jpg").read_bytes()
        jpeg = reduced_jpeg(sample, 1280, 720)
        assert decoded(jpeg).shape == (360, 640, 3)
        assert len(jpeg) < len(sample) / 2


async def test_undecodable_bytes_leave_the_result_without_an_image() -> None:
    assert reduced_jpeg(b"\xff\xd8\xffnot a jpeg at all", 1280, 720) == b""
    result = thumbnail_pb2.ThumbnailResult(width=1280, height=720)
    await attach_image(result, b"garbage")
    assert result.image_jpeg == b""


class Source:
    """A video source whose thumbnail is a given image."""

    metadata = VideoMetadata(video_id="dQw4w9WgXcQ", title="t")

    def __init__(self, image: bytes) -> None:
        self.image = image

    async def thumbnail(self) -> bytes:
        return self.image

    async def video_digest(self, time_left: float) -> None:
        return None

    def report(self, parts) -> InputReport:
        return InputReport()


class Thumbnail:
    """A thumbnail service that remembers the image it was sent."""

    def __init__(self) -> None:
        self.seen: list[bytes] = []

    async def AnalyzeThumbnail(self, request, timeout, metadata):  # noqa: N802 (gRPC's name)
        self.seen.append(request.image)
        return thumbnail_pb2.AnalyzeThumbnailResponse(
            result=thumbnail_pb2.ThumbnailResult(width=1600, height=900, score=61),
            provenance=common_pb2.Provenance(model="m"),
        )


async def analyse(image: bytes, asked: bool) -> tuple[gateway_pb2.TaskResult, Thumbnail]:
    plan = AnalysisPlan(
        tasks=(THUMBNAIL,), language="en", max_comments=10, request_id="r", thumbnail_image=asked
    )
    service = Thumbnail()
    deadline = asyncio.get_running_loop().time() + 5
    downstream = SimpleNamespace(thumbnail=service)
    return await run_task(THUMBNAIL, Source(image), plan, downstream, deadline), service


async def test_the_task_returns_the_image_the_service_reviewed_only_when_asked() -> None:
    image = encoded(1600, 900)
    result, service = await analyse(image, asked=True)
    assert result.status.code == 0 and result.thumbnail.score == 61
    assert service.seen == [image]
    reduced = decoded(result.thumbnail.image_jpeg)
    assert reduced.shape == (360, 640, 3)
    assert reduced[180, 160].min() > 230  # the white square of the image sent

    assert not result.provenance.partial

    plain, _ = await analyse(image, asked=False)
    assert plain.status.code == 0 and plain.thumbnail.image_jpeg == b""


async def test_a_failure_keeps_the_review_but_out_of_the_result_cache(monkeypatch) -> None:
    def broken(*args: object) -> bytes:
        raise MemoryError

    monkeypatch.setattr(thumbnail_image, "reduced_jpeg", broken)
    result, _ = await analyse(encoded(1600, 900), asked=True)
    assert result.status.code == 0 and result.thumbnail.score == 61
    assert result.thumbnail.image_jpeg == b""
    assert result.provenance.partial  # the cache keeps no partial result (test_result_cache)
    assert any("thumbnail image" in note for note in result.provenance.notes)
