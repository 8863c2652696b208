"""The new review fields cross the wire, the annotated picture is drawn, frame caps hold."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from services.thumbnail.domain import MAX_CANDIDATE_FRAMES, ThumbnailRequest
from services.thumbnail.engines.local import review_thumbnail
from services.thumbnail.engines.local.annotate import annotate
from services.thumbnail.servicer import request_from_proto, review_to_proto
from tubelens.errors import InvalidInput
from tubelens.v1 import thumbnail_pb2


@pytest.fixture(scope="module")
def sample(samples):
    data = (samples / "en-sourdough" / "thumbnail.jpg").read_bytes()
    return data, review_thumbnail(ThumbnailRequest(image=data, title="No-knead sourdough"))


def test_texts_composition_and_title_match_reach_the_proto(sample):
    _, review = sample
    message = review_to_proto(review)
    assert [t.text for t in message.texts] == [t.text for t in review.texts]
    assert message.texts[0].box.width > 0 and message.text_area_share == review.text_area_share
    assert message.composition.thirds_distance == review.composition.thirds_distance
    assert message.title_match.verdict == review.title_match.verdict
    assert thumbnail_pb2.ThumbnailResult.FromString(message.SerializeToString()) == message


def test_candidate_frames_are_read_and_capped():
    frame = thumbnail_pb2.CandidateFrame(image=b"x")
    frame.time.FromSeconds(12)
    request = thumbnail_pb2.AnalyzeThumbnailRequest(image=b"img", candidate_frames=[frame])
    assert request_from_proto(request).candidate_frames[0].time == 12.0
    too_many = thumbnail_pb2.AnalyzeThumbnailRequest(
        image=b"img", candidate_frames=[frame] * (MAX_CANDIDATE_FRAMES + 1)
    )
    with pytest.raises(InvalidInput) as failure:
        request_from_proto(too_many)
    assert failure.value.reason == "TOO_MANY_FRAMES"


def test_the_annotated_review_is_a_png_with_the_thumbnail_and_a_panel(sample):
    data, review = sample
    picture = Image.open(io.BytesIO(annotate(data, review)))
    assert picture.format == "PNG" and picture.size == (1280 + 560, 720)
    drawn = cv2.cvtColor(np.asarray(picture.convert("RGB")), cv2.COLOR_RGB2BGR)
    original = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert np.abs(drawn[:720, :1280].astype(int) - original).mean() > 1  # boxes were drawn
