"""The photo card's image work around the model calls, as plain functions a worker process runs:
find the face before anything is paid for, and typeset the card once the artwork is back."""

from __future__ import annotations

from dataclasses import dataclass

from services.photocard.engines.gemini.images import centre_square, jpeg_bytes, rgba_of
from services.photocard.engines.local.card import render_card
from services.photocard.engines.local.card_layout import CardPlan
from services.photocard.engines.local.face_crop import best_face, portrait
from services.photocard.engines.local.photo_input import decode_photo, png_bytes
from tubelens.domain import Box
from tubelens.errors import FailedPrecondition
from tubelens.vision.faces import detect_faces
from tubelens.vision.palette import Swatch, dominant_colors


@dataclass(frozen=True, slots=True)
class Portrait:
    photo_jpeg: bytes  # the photo as decoded (scaled down if it was large), for the caption
    head_jpeg: bytes  # the main face with some margin, for the character
    face: Box
    faces_detected: int
    palette: tuple[Swatch, ...]  # the photo's dominant colours, for the card's background
    notes: tuple[str, ...]


def find_portrait(photo: bytes) -> Portrait:
    image, notes = decode_photo(photo)
    faces = detect_faces(image)
    if not faces:
        raise FailedPrecondition(
            "No face was found in the photo; use a photo where one face is clearly visible.",
            reason="NO_FACE",
        )
    main = best_face(faces)
    if len(faces) > 1:
        notes.append(f"{len(faces)} faces were found; the largest one was drawn.")
    head, _ = portrait(image, main)
    return Portrait(
        photo_jpeg=jpeg_bytes(image),
        head_jpeg=jpeg_bytes(head),
        face=main.box,
        faces_detected=len(faces),
        palette=tuple(dominant_colors(image)),
        notes=tuple(notes),
    )


def typeset_card(
    plan: CardPlan, art: bytes, character: bytes, palette: tuple[Swatch, ...], model: str
) -> tuple[bytes, bytes]:
    """(card PNG, character PNG) from the model's artwork and character images."""
    artwork = centre_square(rgba_of(art, model))
    return render_card(plan, artwork, list(palette)), png_bytes(rgba_of(character, model))
