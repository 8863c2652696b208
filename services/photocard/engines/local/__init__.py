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
from services.photocard.engines.local.stages import StageClock
from tubelens.domain import Provenance
from tubelens.errors import FailedPrecondition
from tubelens.logs import get_logger
from tubelens.vision.faces import detect_faces
from tubelens.vision.palette import dominant_colors
from tubelens.workers import Offload, in_thread

# A card's subject fills much of the photo: searching a copy at most 640 px large finds the same
# faces as the 1280 the thumbnail review needs (checked on scaled, turned, dark and two-person
# variants of the sample) at a third of the CPU for big photos; smaller photos are searched as is.
DETECTION_SIDE = 640
# A portrait's face is large: searching only faces at least 12% of the short side wide skips most
# detector windows (about 220 -> 90 ms CPU on the 512 px sample, same box), and a smaller face
# would make too coarse a character anyway.
MIN_FACE_SHARE = 0.12
PROVENANCE = Provenance(engine="local", model="tubelens-local", prompt_version="photocard-local-1")
log = get_logger("services.photocard")


class LocalPhotoCardEngine:
    """Draws the main person as a cel-shaded character and lays out a shareable card."""

    def __init__(self, offload: Offload = in_thread) -> None:
        self._offload = offload  # the server's worker pool; a thread in tests and tools

    async def create(self, request: PhotoCardRequest) -> tuple[PhotoCard, Provenance]:
        card, ms = await self._offload(timed_card, request)
        log.info("photocard_created", engine="local", **ms)  # here, where logs are set up
        return card, replace(PROVENANCE, notes=card.notes)


def create_card(request: PhotoCardRequest) -> PhotoCard:
    return timed_card(request)[0]


def timed_card(request: PhotoCardRequest) -> tuple[PhotoCard, dict[str, float]]:
    """The card, and the milliseconds of each stage (decode, faces, cutout, character, caption,
    card, png), total_ms (wall) and cpu_ms (process CPU)."""
    clock = StageClock()
    prompt, notes = clean_prompt(request.prompt)
    photo, photo_notes = decode_photo(request.photo)
    notes += photo_notes
    clock.lap("decode")
    # Large faces first (fast); a group or distant shot falls back to the full search.
    faces = detect_faces(photo, max_side=DETECTION_SIDE, min_share=MIN_FACE_SHARE) or detect_faces(
        photo, max_side=DETECTION_SIDE
    )
    if not faces:
        raise FailedPrecondition(
            "No face was found in the photo; use a photo where one face is clearly visible.",
            reason="NO_FACE",
        )
    main = best_face(faces, photo)
    if len(faces) > 1:
        notes.append(f"{len(faces)} faces were found; the largest frontal one was drawn.")
    clock.lap("faces")
    head, face_box = portrait(photo, main)
    alpha = subject_alpha(head, face_box)
    clock.lap("cutout")
    character = draw_character(head, alpha)
    clock.lap("character")
    caption = write_caption(observe(photo, faces, main, head, alpha, face_box), request.language)
    plan = plan_card(request.layout, caption, prompt)
    if plan.prompt and plan.prompt.truncated:
        notes.append("The prompt was too long to show in full and was shortened with '…'.")
    clock.lap("caption")
    card_png = render_card(plan, character, dominant_colors(photo))
    clock.lap("card")
    character_png = png_bytes(character)
    clock.lap("png")
    card = PhotoCard(
        card_png=card_png,
        character_png=character_png,
        caption=caption,
        face=main.box,
        faces_detected=len(faces),
        width=plan.width,
        height=plan.height,
        notes=tuple(notes),
    )
    return card, clock.totals()
