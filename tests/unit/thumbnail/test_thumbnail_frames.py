"""Suggesting video stills as thumbnails: sharp, with a face, colourful wins."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from services.thumbnail.domain import CandidateFrame, ThumbnailRequest
from services.thumbnail.engines.local import review_thumbnail
from services.thumbnail.engines.local.frames import suggest_frames


def jpeg(image: np.ndarray) -> bytes:
    return cv2.imencode(".jpg", image)[1].tobytes()


@pytest.fixture(scope="module")
def stills(samples):
    portrait = cv2.imread(str(samples / "portrait" / "astronaut.png"))
    face = np.full((360, 640, 3), (60, 150, 230), np.uint8)
    face[40:320, 180:460] = cv2.resize(portrait, (280, 280))
    gray_blur = cv2.GaussianBlur(np.full((360, 640, 3), 120, np.uint8), (0, 0), 5)
    colourful = np.zeros((360, 640, 3), np.uint8)
    for i, colour in enumerate([(0, 0, 255), (0, 255, 255), (255, 0, 0), (0, 200, 0)]):
        colourful[:, i * 160 : (i + 1) * 160] = colour
    return [
        CandidateFrame(1.0, jpeg(gray_blur)),
        CandidateFrame(2.0, jpeg(colourful)),
        CandidateFrame(3.0, jpeg(face)),
    ]


def test_the_sharp_colourful_face_ranks_first_and_the_flat_gray_last(stills):
    ranked = suggest_frames(tuple(stills))
    assert [s.time for s in ranked] == [3.0, 2.0, 1.0]
    assert ranked[0].faces == 1 and "1 face" in ranked[0].reason
    assert ranked[-1].score < 20


def test_the_review_carries_suggestions_only_when_frames_are_sent(stills):
    scene = cv2.imencode(".png", np.full((720, 1280, 3), 90, np.uint8))[1].tobytes()
    assert review_thumbnail(ThumbnailRequest(image=scene)).frame_suggestions == ()
    review = review_thumbnail(ThumbnailRequest(image=scene, candidate_frames=tuple(stills)))
    assert review.frame_suggestions[0].time == 3.0
