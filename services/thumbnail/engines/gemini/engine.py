"""The Gemini thumbnail engine: the local engine's exact metrics plus the model's reading.

The local engine runs first (it also rejects unreadable images before anything is paid for);
the model then reads the image, the title and, when the video is known, its description.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from google.genai import types

from services.thumbnail.domain import ModelFace, ModelReading, ThumbnailRequest, ThumbnailReview
from services.thumbnail.engines.gemini.schema import ReadingOut
from services.thumbnail.engines.local import LocalThumbnailEngine
from tubelens.domain import Provenance
from tubelens.gemini import GeminiCaller, data_block, language_tag, load_prompt
from tubelens.workers import Offload, in_thread

PROMPT = load_prompt(Path(__file__).resolve().parents[2] / "prompts" / "thumbnail_reading.toml")
DESCRIPTION_CHARS = 5000  # YouTube's own limit on a description
JUDGED_FROM = "(Judged from the title and description, not the video itself.)"


def image_mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "image/jpeg"


class GeminiThumbnailEngine:
    def __init__(self, caller: GeminiCaller, offload: Offload = in_thread) -> None:
        self._caller = caller
        self._model = caller.settings.thumbnail_model
        self._local = LocalThumbnailEngine(offload)

    async def analyze(self, request: ThumbnailRequest) -> tuple[ThumbnailReview, Provenance]:
        review, local = await self._local.analyze(request)
        parts = [types.Part.from_bytes(data=request.image, mime_type=image_mime(request.image))]
        # The summary already ingests the video once; watching it again here cost ~8,000 tokens
        # (mostly audio) per analysis. The match is judged from the description instead: cheap
        # text the model reads beside the title, and the note says so.
        description = request.video.description.strip() if request.video else ""
        checked = bool(description)
        video_note = (
            "The video's description is given as data; judge the video from it."
            if checked
            else "No video is attached."
        )
        parts += [
            types.Part(
                text=PROMPT.render(video_note=video_note, language=language_tag(request.language))
            ),
            types.Part(text=data_block("title", request.title)),
        ]
        if checked:
            parts.append(
                types.Part(text=data_block("description", description[:DESCRIPTION_CHARS]))
            )
        out, usage = await self._caller.structured(self._model, PROMPT, parts, ReadingOut)
        reading = ModelReading(
            description=out.description.strip(),
            text_on_image=tuple(t.strip() for t in out.text_on_image if t.strip()),
            faces=tuple(ModelFace(f.description.strip(), f.expression.strip()) for f in out.faces),
            small_size_clarity=out.small_size_clarity,
            small_size_note=out.small_size_note.strip(),
            title_match=out.title_match,
            title_match_note=out.title_match_note.strip(),
            video_checked=checked,
            video_match=out.video_match if checked else 0,
            video_match_note=(
                f"{JUDGED_FROM} {out.video_match_note.strip()}".strip() if checked else ""
            ),
        )
        notes = (*review.notes, "The image was also read by a model; see model_reading.")
        provenance = Provenance(
            "gemini", self._model, f"{local.prompt_version}+{PROMPT.version}", notes=notes
        )
        return replace(review, model_reading=reading, notes=notes), usage.stamp(provenance)
