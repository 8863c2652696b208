"""The local thumbnail engine: measures the image with OpenCV; no network, no model downloads."""

from __future__ import annotations

from dataclasses import replace

from services.thumbnail.domain import PaletteColor, Severity, ThumbnailRequest, ThumbnailReview
from services.thumbnail.engines.local.advice import advise, compose
from services.thumbnail.engines.local.faces import find_faces
from services.thumbnail.engines.local.findings import build_findings
from services.thumbnail.engines.local.frames import suggest_frames
from services.thumbnail.engines.local.image_io import decode_thumbnail
from services.thumbnail.engines.local.metrics import measure
from services.thumbnail.engines.local.scoring import overall_score, score_criteria
from services.thumbnail.engines.local.text import find_text, text_area_share
from services.thumbnail.engines.local.title_match import match_title
from tubelens.domain import Provenance
from tubelens.workers import Offload, in_thread

PROVENANCE = Provenance(engine="local", model="tubelens-local", prompt_version="thumbnail-local-2")
NO_OCR_NOTE = (
    "Text in the image was not read: tesseract (tesserocr with the eng and kor models) is not "
    "installed where this service runs."
)
READ_NOTE = "Text was read with tesseract (English and Korean): {count} word(s)."
_SEVERITY_ORDER = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


class LocalThumbnailEngine:
    """Reviews a thumbnail from its pixels: size, exposure, contrast, colour, faces, clutter."""

    def __init__(self, offload: Offload = in_thread) -> None:
        self._offload = offload  # the server's worker pool; a thread in tests and tools

    async def analyze(self, request: ThumbnailRequest) -> tuple[ThumbnailReview, Provenance]:
        review = await self._offload(review_thumbnail, request)
        return review, replace(PROVENANCE, notes=review.notes)


def review_thumbnail(request: ThumbnailRequest) -> ThumbnailReview:
    thumbnail = decode_thumbnail(request.image)
    m = measure(thumbnail.image, thumbnail.width, thumbnail.height)
    faces = find_faces(thumbnail.image)
    texts, can_read = find_text(thumbnail.image)
    layout = compose(thumbnail.image, faces, texts, m.edge_density)
    title = match_title(texts, request.title) if request.title and can_read else None
    criteria = score_criteria(m, faces, texts, layout)
    share = text_area_share(texts)
    extra = advise(
        texts, share, can_read, layout, title, faces, thumbnail.image.shape[0], request.language
    )
    findings = sorted(
        build_findings(m, faces, request.language) + tuple(extra),
        key=lambda f: _SEVERITY_ORDER[f.severity],
    )
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
        findings=tuple(findings),
        notes=(READ_NOTE.format(count=len(texts)),) if can_read else (NO_OCR_NOTE,),
        texts=texts,
        text_area_share=share,
        composition=layout,
        title_match=title,
        frame_suggestions=suggest_frames(request.candidate_frames),
    )
