"""The local photo card engine end to end on the sample portrait, and its refusals."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from services.photocard.domain import MAX_PROMPT_CHARS, Layout, PhotoCardRequest
from services.photocard.engines.local import LocalPhotoCardEngine, create_card
from tubelens.errors import FailedPrecondition, InvalidInput

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def astronaut(samples) -> bytes:
    return (samples / "portrait" / "astronaut.png").read_bytes()


@pytest.fixture(scope="module")
def portrait_card(astronaut):
    return create_card(PhotoCardRequest(photo=astronaut, prompt="Ready for launch!"))


def as_image(data: bytes) -> Image.Image:
    assert data.startswith(PNG_SIGNATURE)
    return Image.open(io.BytesIO(data))


def jpeg(image: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, **options)
    return out.getvalue()


def test_portrait_card_is_a_1080x1350_png(portrait_card):
    card = as_image(portrait_card.card_png)
    assert card.size == (1080, 1350) == (portrait_card.width, portrait_card.height)
    assert card.mode == "RGB"


def test_character_is_rgba_with_the_person_opaque_and_the_corners_clear(portrait_card):
    character = as_image(portrait_card.character_png)
    assert character.mode == "RGBA"
    alpha = np.asarray(character.getchannel("A"))
    side = alpha.shape[0]
    assert alpha[side // 3, side // 2] == 255  # the face
    assert alpha[5, 5] == 0 and alpha[5, side - 6] == 0  # background beside the head
    assert 0.2 < (alpha > 128).mean() < 0.9


def test_caption_describes_one_smiling_person(portrait_card):
    assert portrait_card.faces_detected == 1
    assert portrait_card.caption.startswith("One smiling person")
    assert "orange" in portrait_card.caption


def test_face_box_is_in_the_original_photo(portrait_card):
    box = portrait_card.face
    assert 0.3 < box.x < 0.4 and 0.1 < box.y < 0.2 and 0.12 < box.width < 0.3


def test_square_layout_and_korean_caption(astronaut):
    card = create_card(
        PhotoCardRequest(
            photo=astronaut, prompt="발사 준비 완료!", language="ko", layout=Layout.SQUARE
        )
    )
    assert as_image(card.card_png).size == (1080, 1080)
    assert "한 사람" in card.caption and "주황색" in card.caption


@pytest.mark.parametrize("mode", ["L", "CMYK"])
def test_grayscale_and_cmyk_jpeg_photos_are_accepted(astronaut, mode):
    photo = jpeg(Image.open(io.BytesIO(astronaut)).convert(mode))
    card = create_card(PhotoCardRequest(photo=photo))
    assert card.faces_detected == 1
    assert as_image(card.card_png).size == (1080, 1350)


def test_huge_photos_are_scaled_down_not_refused(astronaut):
    big = Image.open(io.BytesIO(astronaut)).convert("RGB").resize((3000, 3000))
    card = create_card(PhotoCardRequest(photo=jpeg(big), prompt="Big photo 📸"))
    assert card.faces_detected == 1
    assert any("3000x3000" in note and "scaled down" in note for note in card.notes)
    assert any("emoji" in note for note in card.notes)


def test_a_small_face_in_a_wide_shot_is_still_found(astronaut):
    # The quick search looks only for faces over 12% of the short side; this one is ~6%
    # (the portrait pasted into a 3x larger frame), so the card comes from the full search.
    wide = Image.new("RGB", (1536, 1536), (128, 128, 128))
    wide.paste(Image.open(io.BytesIO(astronaut)).convert("RGB"), (512, 512))
    card = create_card(PhotoCardRequest(photo=jpeg(wide)))
    assert card.faces_detected == 1
    assert 0.4 < card.face.x < 0.5 and 0.3 < card.face.y < 0.45
    assert card.face.width < 0.1


def test_a_photo_without_a_face_fails_with_no_face():
    blank = io.BytesIO()
    Image.new("RGB", (400, 400), (240, 240, 240)).save(blank, format="PNG")
    with pytest.raises(FailedPrecondition) as error:
        create_card(PhotoCardRequest(photo=blank.getvalue()))
    assert error.value.reason == "NO_FACE"
    assert "one face is clearly visible" in error.value.message


def test_bytes_that_are_not_an_image_are_invalid():
    with pytest.raises(InvalidInput) as error:
        create_card(PhotoCardRequest(photo=b"GIF? no, just text"))
    assert error.value.reason == "INVALID_IMAGE"


def test_tiny_photos_are_refused():
    with pytest.raises(InvalidInput) as error:
        create_card(PhotoCardRequest(photo=jpeg(Image.new("RGB", (48, 48)))))
    assert error.value.reason == "IMAGE_TOO_SMALL"


def test_too_long_prompt_is_refused_before_any_image_work(astronaut):
    with pytest.raises(InvalidInput) as error:
        create_card(PhotoCardRequest(photo=astronaut, prompt="가" * (MAX_PROMPT_CHARS + 1)))
    assert error.value.reason == "PROMPT_TOO_LONG"
    assert str(MAX_PROMPT_CHARS) in error.value.message


async def test_engine_runs_and_reports_local_provenance(astronaut):
    card, provenance = await LocalPhotoCardEngine().create(
        PhotoCardRequest(photo=astronaut, layout=Layout.SQUARE)
    )
    assert (card.width, card.height) == (1080, 1080)
    assert (provenance.engine, provenance.model, provenance.prompt_version) == (
        "local",
        "tubelens-local",
        "photocard-local-1",
    )
