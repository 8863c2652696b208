"""AnalysisOptions.include_thumbnail_image through the real gateway and thumbnail service: the
thumbnail's result carries the analysed image as a JPEG within 640x360, in the proportions of
the width and height it reports, and only when asked (Analyze and AnalyzeStream alike)."""

from __future__ import annotations

import cv2
import grpc
import numpy as np
import pytest

from tubelens.v1 import gateway_pb2

pytestmark = pytest.mark.integration
OK = grpc.StatusCode.OK.value[0]


def _thumbnail(gateway, sample: str, asked: bool):
    response = gateway.Analyze(
        gateway_pb2.AnalyzeRequest(
            video=gateway_pb2.VideoRef(bundle=sample),
            tasks=[gateway_pb2.TASK_THUMBNAIL],
            options=gateway_pb2.AnalysisOptions(include_thumbnail_image=asked),
        ),
        timeout=60,
    )
    (result,) = response.results
    assert result.status.code == OK, result.status.message
    return result.thumbnail


def _check_image(thumbnail) -> None:
    assert thumbnail.image_jpeg.startswith(b"\xff\xd8\xff")
    image = cv2.imdecode(np.frombuffer(thumbnail.image_jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None
    rows, columns = image.shape[:2]
    assert columns <= 640 and rows <= 360 and (columns == 640 or rows == 360)
    # The original's proportions, within the rounding of one pixel.
    assert abs(columns / rows - thumbnail.width / thumbnail.height) < 1 / rows


@pytest.mark.parametrize("sample", ["en-sourdough", "ko-homecafe"])
def test_the_image_comes_back_only_when_asked(gateway, sample: str) -> None:
    asked = _thumbnail(gateway, sample, asked=True)
    _check_image(asked)
    assert asked.score > 0 and asked.texts  # the review is all there beside it

    plain = _thumbnail(gateway, sample, asked=False)
    assert plain.image_jpeg == b"" and plain.score == asked.score


def test_the_stream_carries_it_too(gateway) -> None:
    request = gateway_pb2.AnalyzeStreamRequest(
        video=gateway_pb2.VideoRef(bundle="ko-homecafe"),
        tasks=[gateway_pb2.TASK_THUMBNAIL],
        options=gateway_pb2.AnalysisOptions(include_thumbnail_image=True),
    )
    (first, completed) = list(gateway.AnalyzeStream(request, timeout=60))
    assert first.task_result.status.code == OK and completed.completed.succeeded_tasks == 1
    _check_image(first.task_result.thumbnail)
