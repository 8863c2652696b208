"""The local thumbnail engine: measures the image with OpenCV; no network, no model downloads."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from services.thumbnail.domain import PaletteColor, ThumbnailRequest, ThumbnailReview
from services.thumbnail.engines.local.faces import find_faces
from services.thumbnail.engines.local.findings import build_findings
from services.thumbnail.engines.local.image_io import decode_thumbnail
from services.thumbnail.engines.local.metrics import measure
from services.thumbnail.engines.local.scoring import overall_score, score_criteria
from tubelens.domain import Provenance

PROVENANCE = Provenance(engine="local", model="tubelens-local", prompt_version="thumbnail-local-1")
NOTES = ("Text in the image is not read: the local engine has no text recognition.",)


class LocalThumbnailEngine:
    """Reviews a thumbnail from its pixels: size, exposure, contrast, colour, faces, clutter."""

    async def analyze(self, request: ThumbnailRequest) -> tuple[ThumbnailReview, Provenance]:
        # Decoding and OpenCV work are CPU-bound; keep them off the event loop.
        review = await asyncio.to_thread(review_thumbnail, request)
        return review, replace(PROVENANCE, notes=review.notes)


def review_thumbnail(request: ThumbnailRequest) -> ThumbnailReview:
    thumbnail = decode_thumbnail(request.image)
    m = measure(thumbnail.image, thumbnail.width, thumbnail.height)
    faces = find_faces(thumbnail.image)
    criteria = score_criteria(m, faces)
    return ThumbnailReview(
        width=m.width,
        height=m.height,
        aspect_ratio=round(m.aspect_ratio, 4),
        meets_recommended_size=m.meets_recommended_size,
        brightness=round(m.brightness, 4),
        contrast=round(m.contrast, 4),
        colorfulness=round(m.colorfulness, 2),
        palette=tuple(PaletteColor(hex=s.hex, share=round(s.share, 4)) for s in m.palette),
        faces=faces,
        score=overall_score(criteria),
        criteria=criteria,
        findings=build_findings(m, faces, request.language),
        notes=NOTES,
    )
