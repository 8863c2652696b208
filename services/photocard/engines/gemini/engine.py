"""The Gemini photo card engine.

Stage one runs two calls side by side: a caption of the photo, and a 3D character of the face
from an image-output model. Stage two asks the image model for the card's artwork from the
character, the caption and the owner's words. Our own layout code then typesets the caption and
the words (Korean included), so no text on the card is drawn by a model.
"""

from __future__ import annotations

from pathlib import Path

from google.genai import types
from pydantic import BaseModel, Field

from services.photocard.domain import PhotoCard, PhotoCardRequest
from services.photocard.engines.gemini.portrait import find_portrait, typeset_card
from services.photocard.engines.local.card_layout import plan_card
from services.photocard.engines.local.photo_input import clean_prompt
from tubelens.domain import Provenance
from tubelens.errors import TubeLensError
from tubelens.gemini import (
    GeminiCaller,
    Usage,
    data_block,
    language_tag,
    load_prompt,
    usage_of_error,
)
from tubelens.gemini.concurrency import gather_or_cancel
from tubelens.workers import Offload, in_thread

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
CAPTION_PROMPT = load_prompt(PROMPTS / "caption.toml")
CHARACTER_PROMPT = load_prompt(PROMPTS / "character.toml")
CARD_PROMPT = load_prompt(PROMPTS / "card_art.toml")
MAX_CAPTION_CHARS = 90


class CaptionOut(BaseModel):
    caption: str = Field(min_length=1)


class GeminiPhotoCardEngine:
    def __init__(self, caller: GeminiCaller, offload: Offload = in_thread) -> None:
        self._caller = caller
        self._offload = offload  # image work runs in the server's worker pool
        self._caption_model = caller.settings.caption_model
        self._image_model = caller.settings.image_model

    async def create(self, request: PhotoCardRequest) -> tuple[PhotoCard, Provenance]:
        prompt, notes = clean_prompt(request.prompt)
        found = await self._offload(find_portrait, request.photo)  # no face: nothing is paid for
        notes += found.notes
        (caption, caption_usage), (character, character_usage) = await gather_or_cancel(
            self._caption(found.photo_jpeg, language_tag(request.language)),
            self._caller.image(
                self._image_model,
                CHARACTER_PROMPT,
                [
                    types.Part.from_bytes(data=found.head_jpeg, mime_type="image/jpeg"),
                    types.Part(text=CHARACTER_PROMPT.render()),
                ],
            ),
            usage_of=lambda result: result[1],  # a failure bills the other's finished call too
        )
        try:
            art, art_usage = await self._caller.image(
                self._image_model,
                CARD_PROMPT,
                [
                    types.Part.from_bytes(data=character, mime_type="image/png"),
                    types.Part(text=CARD_PROMPT.render()),
                    types.Part(text=data_block("card_text", {"caption": caption, "words": prompt})),
                ],
            )
        except TubeLensError as exc:
            # The caption and the character were made and billed: the failed card reports them.
            exc.usage = caption_usage + character_usage + (usage_of_error(exc) or Usage())
            raise
        plan = plan_card(request.layout, caption, prompt)
        if plan.prompt and plan.prompt.truncated:
            notes.append("The prompt was too long to show in full and was shortened with '…'.")
        card_png, character_png = await self._offload(
            typeset_card, plan, art, character, found.palette, self._image_model
        )
        card = PhotoCard(
            card_png=card_png,
            character_png=character_png,
            caption=caption,
            face=found.face,
            faces_detected=found.faces_detected,
            width=plan.width,
            height=plan.height,
            notes=tuple(notes),
        )
        versions = (CAPTION_PROMPT.version, CHARACTER_PROMPT.version, CARD_PROMPT.version)
        provenance = Provenance(
            "gemini",
            f"{self._caption_model}+{self._image_model}",
            "+".join(versions),
            notes=tuple(notes),
        )
        return card, (caption_usage + character_usage + art_usage).stamp(provenance)

    async def _caption(self, photo_jpeg: bytes, language: str) -> tuple[str, Usage]:
        parts = [
            types.Part.from_bytes(data=photo_jpeg, mime_type="image/jpeg"),
            types.Part(text=CAPTION_PROMPT.render(language=language, max_chars=MAX_CAPTION_CHARS)),
        ]
        out, usage = await self._caller.structured(
            self._caption_model, CAPTION_PROMPT, parts, CaptionOut
        )
        caption, _ = clean_prompt(" ".join(out.caption.split()))  # only glyphs the font has
        return caption[: MAX_CAPTION_CHARS * 2], usage
