"""The thumbnail and its candidate frames: decoded sizes bounded from the header."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bench.memory_images import flat_jpeg, png_of_zeros
from services.thumbnail.domain import CandidateFrame, ThumbnailRequest
from services.thumbnail.engines.local import review_thumbnail
from services.thumbnail.engines.local.image_io import decode_thumbnail
from tubelens.errors import InvalidInput


@pytest.fixture(scope="module")
def scene() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1280, 720), (90, 120, 160)).save(out, format="JPEG")
    return out.getvalue()


def test_a_40_megapixel_png_thumbnail_is_refused_before_decoding(decoded_sizes):
    with pytest.raises(InvalidInput) as error:
        decode_thumbnail(png_of_zeros(6324, 6324, "RGBA"))  # 160 KB; 500 MB of peak before
    assert decoded_sizes == []
    assert error.value.reason == "IMAGE_TOO_LARGE"
    assert "at most 32.0 MP are accepted (TUBELENS_IMAGE_MAX_MEGAPIXELS)" in error.value.message


def test_a_png_candidate_frame_over_four_megapixels_is_refused_before_decoding(
    decoded_sizes, scene
):
    frame = CandidateFrame(5.0, png_of_zeros(2500, 2000, "RGBA"))
    with pytest.raises(InvalidInput) as error:
        review_thumbnail(ThumbnailRequest(image=scene, candidate_frames=(frame,)))
    assert (2500, 2000) not in decoded_sizes
    assert error.value.reason == "IMAGE_TOO_LARGE"
    assert "at most 4.0 MP are accepted." in error.value.message  # a fixed cap, no setting


def test_a_large_jpeg_candidate_frame_is_decoded_at_a_quarter_and_rated(decoded_sizes, scene):
    frame = CandidateFrame(5.0, flat_jpeg(4000, 3000))  # 12 MP declared
    review = review_thumbnail(ThumbnailRequest(image=scene, candidate_frames=(frame,)))
    assert (1000, 750) in decoded_sizes and (4000, 3000) not in decoded_sizes
    assert [suggestion.time for suggestion in review.frame_suggestions] == [5.0]
