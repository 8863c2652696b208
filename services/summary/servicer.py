"""SummaryService over gRPC: converts proto <-> domain and calls the engine."""

from __future__ import annotations

import grpc

from services.summary.domain import ChapterOrigin, Summary, SummaryRequest, SummarySource
from services.summary.engines import SummaryEngine
from tubelens import convert
from tubelens.v1 import summary_pb2, summary_pb2_grpc

SERVICE_NAME = summary_pb2.DESCRIPTOR.services_by_name["SummaryService"].full_name
_SOURCES = {
    SummarySource.TRANSCRIPT: summary_pb2.SUMMARY_SOURCE_TRANSCRIPT,
    SummarySource.DESCRIPTION: summary_pb2.SUMMARY_SOURCE_DESCRIPTION,
    SummarySource.VIDEO: summary_pb2.SUMMARY_SOURCE_VIDEO,
}
_ORIGINS = {
    ChapterOrigin.NONE: summary_pb2.CHAPTER_ORIGIN_UNSPECIFIED,
    ChapterOrigin.DESCRIPTION: summary_pb2.CHAPTER_ORIGIN_DESCRIPTION,
    ChapterOrigin.TRANSCRIPT: summary_pb2.CHAPTER_ORIGIN_TRANSCRIPT,
    ChapterOrigin.MODEL: summary_pb2.CHAPTER_ORIGIN_MODEL,
}


class SummaryServicer(summary_pb2_grpc.SummaryServiceServicer):
    def __init__(self, engine: SummaryEngine) -> None:
        self._engine = engine

    async def Summarize(
        self, request: summary_pb2.SummarizeRequest, context: grpc.aio.ServicerContext
    ) -> summary_pb2.SummarizeResponse:
        summary, provenance = await self._engine.summarize(request_from_proto(request))
        return summary_pb2.SummarizeResponse(
            result=summary_to_proto(summary), provenance=convert.provenance_to_proto(provenance)
        )


def request_from_proto(message: summary_pb2.SummarizeRequest) -> SummaryRequest:
    return SummaryRequest(
        video=convert.metadata_from_proto(message.video),
        transcript=convert.transcript_from_proto(message.transcript),
        comments=tuple(convert.comment_from_proto(comment) for comment in message.comments),
        language=message.language,
    )


def summary_to_proto(summary: Summary) -> summary_pb2.SummaryResult:
    result = summary_pb2.SummaryResult(
        tldr=summary.tldr,
        key_points=[
            summary_pb2.KeyPoint(
                text=point.text, start=convert.duration(point.start), source=_SOURCES[point.source]
            )
            for point in summary.key_points
        ],
        chapters=[
            summary_pb2.Chapter(
                title=chapter.title,
                start=convert.duration(chapter.start),
                end=convert.duration(chapter.end),
            )
            for chapter in summary.chapters
        ],
        chapter_origin=_ORIGINS[summary.chapter_origin],
        source=_SOURCES[summary.source],
        language=summary.language,
    )
    section = summary.comment_summary
    if section is not None:
        result.comment_summary.CopyFrom(
            summary_pb2.CommentSectionSummary(
                text=section.text,
                topics=section.topics,
                praise=section.praise,
                criticism=section.criticism,
                questions=section.questions,
                comments_considered=section.comments_considered,
            )
        )
    return result
