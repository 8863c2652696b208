"""The local thumbnail engine end to end: scores, findings with numbers, languages, errors."""

from __future__ import annotations

import io
import re

import cv2
import numpy as np
import pytest
from PIL import Image

from services.thumbnail.domain import Severity, ThumbnailRequest
from services.thumbnail.engines.local import LocalThumbnailEngine, review_thumbnail
from services.thumbnail.engines.local.scoring import WEIGHTS
from tubelens.errors import InvalidInput

HANGUL = re.compile("[가-힣]")


def png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return data.tobytes()


def scene(width: int, height: int) -> np.ndarray:
    """The same colourful, simple scene at any size."""
    image = np.zeros((720, 1280, 3), np.uint8)
    image[:] = (60, 140, 240)
    cv2.circle(image, (420, 360), 220, (250, 250, 250), -1)
    cv2.rectangle(image, (760, 160), (1160, 560), (120, 40, 20), -1)
    return cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)


def codes(review):
    return [finding.code for finding in review.findings]


def test_low_resolution_is_flagged_with_its_size_and_scores_lower():
    small = review_thumbnail(ThumbnailRequest(image=png(scene(640, 360))))
    full = review_thumbnail(ThumbnailRequest(image=png(scene(1280, 720))))
    finding = next(f for f in small.findings if f.code == "LOW_RESOLUTION")
    assert "640x360" in finding.message and "1280x720" in finding.suggestion
    assert finding.severity is Severity.WARNING
    assert "LOW_RESOLUTION" not in codes(full) and "GOOD_RESOLUTION" in codes(full)
    assert small.score < full.score
    assert (small.width, small.height, small.meets_recommended_size) == (640, 360, False)
    assert full.meets_recommended_size


def test_black_image_is_dark_flat_and_dull():
    review = review_thumbnail(ThumbnailRequest(image=png(np.zeros((720, 1280, 3), np.uint8))))
    assert review.brightness == pytest.approx(0.0, abs=1e-6)
    dark = next(f for f in review.findings if f.code == "TOO_DARK")
    assert dark.severity is Severity.CRITICAL and "0%" in dark.message
    assert {"LOW_CONTRAST", "DULL_COLORS"} <= set(codes(review))
    scores = {c.name: c.score for c in review.criteria}
    assert scores["exposure"] == scores["contrast"] == scores["colour"] == 0
    assert review.score <= 45


def test_criteria_weights_sum_to_one_and_score_is_their_weighted_sum():
    review = review_thumbnail(ThumbnailRequest(image=png(scene(1280, 720))))
    assert [c.name for c in review.criteria] == list(WEIGHTS)
    assert sum(c.weight for c in review.criteria) == pytest.approx(1.0)
    assert all(0 <= c.score <= 100 for c in review.criteria)
    assert review.score == round(sum(c.weight * c.score for c in review.criteria))


def test_findings_are_ordered_worst_first():
    review = review_thumbnail(ThumbnailRequest(image=png(scene(400, 400))))
    order = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ranks = [order[f.severity] for f in review.findings]
    assert ranks == sorted(ranks)
    assert "WRONG_ASPECT_RATIO" in codes(review)
    assert (
        next(f for f in review.findings if f.code == "LOW_RESOLUTION").severity is Severity.CRITICAL
    )


def test_a_small_face_is_measured(samples):
    portrait = cv2.imread(str(samples / "portrait" / "astronaut.png"))
    canvas = np.full((720, 1280, 3), 180, np.uint8)
    canvas[200:500, 900:1200] = cv2.resize(portrait, (300, 300), interpolation=cv2.INTER_AREA)
    review = review_thumbnail(ThumbnailRequest(image=png(canvas)))
    assert len(review.faces) == 1
    small = next(f for f in review.findings if f.code == "SMALL_FACE")
    share = review.faces[0].area_share
    assert share < 0.03 and f"{share:.1%}" in small.message


def test_the_portrait_sample_has_a_prominent_face(samples):
    data = (samples / "portrait" / "astronaut.png").read_bytes()
    review = review_thumbnail(ThumbnailRequest(image=data))
    assert len(review.faces) == 1 and "FACE_PROMINENT" in codes(review)
    assert sum(p.share for p in review.palette) == pytest.approx(1.0, abs=0.01)
    assert all(re.fullmatch("#[0-9a-f]{6}", p.hex) for p in review.palette)


@pytest.mark.parametrize("name", ["en-sourdough", "ko-homecafe"])
def test_sample_thumbnails_are_well_made(samples, name):
    review = review_thumbnail(
        ThumbnailRequest(image=(samples / name / "thumbnail.jpg").read_bytes())
    )
    assert (review.width, review.height) == (1280, 720)
    assert review.score >= 70
    assert not [f for f in review.findings if f.severity is Severity.CRITICAL]


def test_korean_findings_when_language_is_korean():
    data = png(scene(640, 360))
    korean = review_thumbnail(ThumbnailRequest(image=data, language="ko-KR"))
    english = review_thumbnail(ThumbnailRequest(image=data, language=""))
    assert codes(korean) == codes(english)
    assert all(HANGUL.search(f.message) for f in korean.findings)
    assert not any(HANGUL.search(f.message) for f in english.findings)
    assert "640x360" in next(f.message for f in korean.findings if f.code == "LOW_RESOLUTION")


@pytest.mark.parametrize("mode", ["L", "CMYK"])
def test_grayscale_and_cmyk_jpegs_are_accepted(mode):
    out = io.BytesIO()
    Image.fromarray(scene(1280, 720)[:, :, ::-1]).convert(mode).save(out, format="JPEG")
    review = review_thumbnail(ThumbnailRequest(image=out.getvalue()))
    assert (review.width, review.height) == (1280, 720)
    if mode == "L":
        assert review.colorfulness < 1.0


async def test_engine_reports_local_provenance():
    review, provenance = await LocalThumbnailEngine().analyze(
        ThumbnailRequest(image=png(scene(1280, 720)))
    )
    assert review.width == 1280
    assert (provenance.engine, provenance.model, provenance.prompt_version) == (
        "local",
        "tubelens-local",
        "thumbnail-local-2",
    )


async def test_engine_rejects_bytes_that_are_not_an_image():
    with pytest.raises(InvalidInput) as error:
        await LocalThumbnailEngine().analyze(ThumbnailRequest(image=b"definitely not a jpeg"))
    assert error.value.reason == "INVALID_IMAGE"
