"""The Gemini thumbnail engine: the local engine's exact metrics plus the model's reading.

What runs locally, and why (measured in README, "Thumbnails"):
- the pixel measurements (size, exposure, contrast, colour, palette, faces, saliency, clutter)
  always: the model cannot give them exactly. They run first, in the worker pool, and also
  refuse an unreadable image before anything is paid for;
- tesseract only when the model saw text on the image. The model reads the words itself
  (`model_reading.text_on_image`); what the local reading adds is exact geometry: letter height
  at 168x94, WCAG contrast, legibility, whether the duration badge covers a word. On an image
  the model finds no text in, tesseract could only add misreadings of texture, at about two
  thirds of the local review's time, so it is skipped and a note says so.
Both local results depend on the image alone, so they are kept in bounded in-process LRU caches
keyed by the image's SHA-256. The caches live in this engine, in the serving process, not in
the worker processes: a worker's own cache would be hit only when the same worker happened to
get the same image again, and is lost whenever the pool renews the worker.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import replace
from pathlib import Path

from cachetools import LRUCache
from google.genai import types

from services.thumbnail.domain import ModelFace, ModelReading, ThumbnailRequest, ThumbnailReview
from services.thumbnail.engines.gemini.schema import ReadingOut
from services.thumbnail.engines.local import PROVENANCE as LOCAL
from services.thumbnail.engines.local.frames import suggest_frames
from services.thumbnail.engines.local.jobs import pixels_job, words_job
from services.thumbnail.engines.local.stages import (
    Pixels,
    Words,
    assemble,
    korean_expected,
    local_notes,
)
from tubelens.domain import Provenance
from tubelens.gemini import GeminiCaller, data_block, language_tag, load_prompt
from tubelens.gemini.usage import Usage
from tubelens.logs import get_logger
from tubelens.workers import Offload, in_thread

PROMPT = load_prompt(Path(__file__).resolve().parents[2] / "prompts" / "thumbnail_reading.toml")
DESCRIPTION_CHARS = 5000  # YouTube's own limit on a description
JUDGED_FROM = "(Judged from the title and description, not the video itself.)"
CACHED_IMAGES = 256  # per cache; an entry is a few KB of numbers, never the image
INLINE_HASH_BYTES = 1 << 20
MODEL_NOTE = "The image was also read by a model; see model_reading."
NOT_READ_NOTE = "The model saw no text on the image, so tesseract did not read it."
log = get_logger("services.thumbnail")


def image_mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "image/jpeg"


class GeminiThumbnailEngine:
    def __init__(
        self, caller: GeminiCaller, offload: Offload = in_thread, cached: int = CACHED_IMAGES
    ) -> None:
        self._caller = caller
        self._model = caller.settings.thumbnail_model
        self._offload = offload
        self._pixels: LRUCache[str, Pixels] = LRUCache(maxsize=cached)
        self._words: LRUCache[tuple[str, bool], Words] = LRUCache(maxsize=cached)

    async def analyze(self, request: ThumbnailRequest) -> tuple[ThumbnailReview, Provenance]:
        key = await _digest(request.image)
        ms: dict[str, float] = {}
        pixels = self._pixels.get(key)
        if pixels is None:
            pixels = self._pixels[key] = await self._offload(pixels_job, request.image)
            ms |= pixels.ms
        reading, usage = await self._read(request)
        english_first = not korean_expected(request)
        if reading.text_on_image:
            words = self._words.get((key, english_first))
            if words is None:
                words = await self._offload(words_job, request.image, english_first)
                self._words[(key, english_first)] = words
                ms |= words.ms
            notes = (*local_notes(words), MODEL_NOTE)
        else:
            words, notes = Words((), read=True), (NOT_READ_NOTE, MODEL_NOTE)
        frames = ()
        if request.candidate_frames:
            frames = await self._offload(suggest_frames, request.candidate_frames)
        review = assemble(pixels, words, request, frames, notes)
        log.info("thumbnail_reviewed", engine="gemini", **{f"{k}_ms": v for k, v in ms.items()})
        provenance = Provenance(
            "gemini", self._model, f"{LOCAL.prompt_version}+{PROMPT.version}", notes=notes
        )
        return replace(review, model_reading=reading), usage.stamp(provenance)

    async def _read(self, request: ThumbnailRequest) -> tuple[ModelReading, Usage]:
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
        return reading, usage


async def _digest(data: bytes) -> str:
    """The image's SHA-256; a large image is hashed off the event loop (hashlib lets go of the
    GIL), a usual thumbnail of a few hundred KB in well under a millisecond on it."""
    if len(data) <= INLINE_HASH_BYTES:
        return hashlib.sha256(data).hexdigest()
    return await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
