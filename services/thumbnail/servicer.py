"""ThumbnailService over gRPC: converts proto <-> domain and calls the engine."""

from __future__ import annotations

import grpc

from services.thumbnail.domain import (
    MAX_CANDIDATE_FRAMES,
    CandidateFrame,
    Composition,
    ModelReading,
    Severity,
    ThumbnailRequest,
    ThumbnailReview,
    TitleMatch,
)
from services.thumbnail.engines import ThumbnailEngine
from tubelens import convert
from tubelens.errors import InvalidInput
from tubelens.v1 import thumbnail_pb2, thumbnail_pb2_grpc

SERVICE_NAME = thumbnail_pb2.DESCRIPTOR.services_by_name["ThumbnailService"].full_name
_SEVERITIES = {
    Severity.INFO: thumbnail_pb2.FINDING_SEVERITY_INFO,
    Severity.WARNING: thumbnail_pb2.FINDING_SEVERITY_WARNING,
    Severity.CRITICAL: thumbnail_pb2.FINDING_SEVERITY_CRITICAL,
}


class ThumbnailServicer(thumbnail_pb2_grpc.ThumbnailServiceServicer):
    def __init__(self, engine: ThumbnailEngine) -> None:
        self._engine = engine

    async def AnalyzeThumbnail(
        self, request: thumbnail_pb2.AnalyzeThumbnailRequest, context: grpc.aio.ServicerContext
    ) -> thumbnail_pb2.AnalyzeThumbnailResponse:
        review, provenance = await self._engine.analyze(request_from_proto(request))
        return thumbnail_pb2.AnalyzeThumbnailResponse(
            result=review_to_proto(review), provenance=convert.provenance_to_proto(provenance)
        )


def request_from_proto(message: thumbnail_pb2.AnalyzeThumbnailRequest) -> ThumbnailRequest:
    if not message.image:
        raise InvalidInput(
            "The request has no image; send the thumbnail's bytes in `image`.",
            reason="IMAGE_MISSING",
        )
    return ThumbnailRequest(
        image=message.image,
        title=message.title or message.video.title,
        video=convert.metadata_from_proto(message.video) if message.HasField("video") else None,
        language=message.language,
        candidate_frames=_candidates_from_proto(message.candidate_frames),
    )


def _candidates_from_proto(frames) -> tuple[CandidateFrame, ...]:  # noqa: ANN001
    if len(frames) > MAX_CANDIDATE_FRAMES:
        raise InvalidInput(
            f"{len(frames)} candidate frames were sent; at most {MAX_CANDIDATE_FRAMES} are rated.",
            reason="TOO_MANY_FRAMES",
        )
    return tuple(
        CandidateFrame(time=frame.time.ToTimedelta().total_seconds(), image=frame.image)
        for frame in frames
    )


def review_to_proto(review: ThumbnailReview) -> thumbnail_pb2.ThumbnailResult:
    return thumbnail_pb2.ThumbnailResult(
        width=review.width,
        height=review.height,
        aspect_ratio=review.aspect_ratio,
        meets_recommended_size=review.meets_recommended_size,
        brightness=review.brightness,
        contrast=review.contrast,
        colorfulness=review.colorfulness,
        palette=[
            thumbnail_pb2.PaletteColor(hex=color.hex, share=color.share) for color in review.palette
        ],
        faces=[
            thumbnail_pb2.DetectedFace(
                box=convert.box_to_proto(face.box), area_share=face.area_share, smiling=face.smiling
            )
            for face in review.faces
        ],
        score=review.score,
        criteria=[
            thumbnail_pb2.ScoreCriterion(name=c.name, weight=c.weight, score=c.score)
            for c in review.criteria
        ],
        findings=[
            thumbnail_pb2.Finding(
                code=f.code,
                severity=_SEVERITIES[f.severity],
                message=f.message,
                suggestion=f.suggestion,
            )
            for f in review.findings
        ],
        model_reading=_reading_to_proto(review.model_reading),
        texts=[
            thumbnail_pb2.ThumbnailText(
                text=t.text,
                box=convert.box_to_proto(t.box),
                confidence=t.confidence,
                contrast_ratio=t.contrast_ratio,
                height_at_small=t.height_at_small,
                legible_small=t.legible_small,
                legible_medium=t.legible_medium,
            )
            for t in review.texts
        ],
        text_area_share=review.text_area_share,
        composition=_composition_to_proto(review.composition),
        title_match=_title_match_to_proto(review.title_match),
        frame_suggestions=[
            thumbnail_pb2.FrameSuggestion(
                time=convert.duration(f.time),
                score=f.score,
                sharpness=f.sharpness,
                colorfulness=f.colorfulness,
                faces=f.faces,
                reason=f.reason,
            )
            for f in review.frame_suggestions
        ],
    )


def _composition_to_proto(layout: Composition | None) -> thumbnail_pb2.ThumbnailComposition | None:
    if layout is None:
        return None
    return thumbnail_pb2.ThumbnailComposition(
        centre_x=layout.centre[0],
        centre_y=layout.centre[1],
        salient_box=convert.box_to_proto(layout.salient_box),
        thirds_distance=layout.thirds_distance,
        edge_density=layout.edge_density,
        badge_salience=layout.badge_salience,
        badge_covers=list(layout.badge_covers),
    )


def _title_match_to_proto(match: TitleMatch | None) -> thumbnail_pb2.ThumbnailTitleMatch | None:
    if match is None:
        return None
    return thumbnail_pb2.ThumbnailTitleMatch(
        verdict=match.verdict, shared_words=list(match.shared_words), overlap=match.overlap
    )


def _reading_to_proto(
    reading: ModelReading | None,
) -> thumbnail_pb2.ThumbnailModelReading | None:
    if reading is None:
        return None
    return thumbnail_pb2.ThumbnailModelReading(
        description=reading.description,
        text_on_image=list(reading.text_on_image),
        faces=[
            thumbnail_pb2.ThumbnailModelReadingFace(
                description=face.description, expression=face.expression
            )
            for face in reading.faces
        ],
        small_size_clarity=reading.small_size_clarity,
        small_size_note=reading.small_size_note,
        title_match=reading.title_match,
        title_match_note=reading.title_match_note,
        video_checked=reading.video_checked,
        video_match=reading.video_match,
        video_match_note=reading.video_match_note,
    )
