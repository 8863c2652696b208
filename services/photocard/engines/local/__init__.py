"""The local photo card engine: OpenCV + Pillow on the CPU; no network, no model downloads."""

from __future__ import annotations

from dataclasses import replace

from services.photocard.domain import PhotoCard, PhotoCardRequest
from services.photocard.engines.local.caption import write_caption
from services.photocard.engines.local.card import render_card
from services.photocard.engines.local.card_layout import plan_card
from services.photocard.engines.local.character import draw_character
from services.photocard.engines.local.face_crop import best_face, portrait
from services.photocard.engines.local.observe import observe
from services.photocard.engines.local.photo_input import clean_prompt, decode_photo, png_bytes
from services.photocard.engines.local.segment import subject_alpha
from tubelens.domain import Provenance
from tubelens.errors import FailedPrecondition
from tubelens.vision.faces import detect_faces
from tubelens.vision.palette import dominant_colors
from tubelens.workers import Offload, in_thread

PROVENANCE = Provenance(engine="local", model="tubelens-local", prompt_version="photocard-local-1")


class LocalPhotoCardEngine:
    """Draws the main person as a cel-shaded character and lays out a shareable card."""

    def __init__(self, offload: Offload = in_thread) -> None:
        self._offload = offload  # the server's worker pool; a thread in tests and tools

    async def create(self, request: PhotoCardRequest) -> tuple[PhotoCard, Provenance]:
        card = await self._offload(create_card, request)
        return card, replace(PROVENANCE, notes=card.notes)


def create_card(request: PhotoCardRequest) -> PhotoCard:
    prompt, notes = clean_prompt(request.prompt)
    photo, photo_notes = decode_photo(request.photo)
    notes += photo_notes
    faces = detect_faces(photo)
    if not faces:
        raise FailedPrecondition(
            "No face was found in the photo; use a photo where one face is clearly visible.",
            reason="NO_FACE",
        )
    main = best_face(faces, photo)
    if len(faces) > 1:
        notes.append(f"{len(faces)} faces were found; the largest frontal one was drawn.")
    head, face_box = portrait(photo, main)
    alpha = subject_alpha(head, face_box)
    character = draw_character(head, alpha)
    caption = write_caption(observe(photo, faces, main, head, alpha, face_box), request.language)
    plan = plan_card(request.layout, caption, prompt)
    if plan.prompt and plan.prompt.truncated:
        notes.append("The prompt was too long to show in full and was shortened with '…'.")
    return PhotoCard(
        card_png=render_card(plan, character, dominant_colors(photo)),
        character_png=png_bytes(character),
        caption=caption,
        face=main.box,
        faces_detected=len(faces),
        width=plan.width,
        height=plan.height,
        notes=tuple(notes),
    )
