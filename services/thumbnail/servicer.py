"""ThumbnailService over gRPC: converts proto <-> domain and calls the engine."""

from __future__ import annotations

import grpc

from services.thumbnail.domain import Severity, ThumbnailRequest, ThumbnailReview
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
                box=convert.box_to_proto(face.box), area_share=face.area_share
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
    )
