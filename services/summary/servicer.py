"""SummaryService over gRPC: converts proto <-> domain and calls the engine."""

from __future__ import annotations

import grpc

from services.summary.domain import ChapterOrigin, Summary, SummaryRequest, SummarySource
from services.summary.engines import SummaryEngine
from services.summary.label_protos import comment_labels_from_proto
from tubelens import convert
from tubelens.errors import InvalidInput
from tubelens.limits import InputLimits
from tubelens.v1 import summary_pb2, summary_pb2_grpc
from tubelens.vision.video_types import EncodedStill, KeyFrame, Shot, VideoDigest

MAX_DIGEST_STILLS = 120  # a scan sends 48; key frames need no more
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
    def __init__(self, engine: SummaryEngine, limits: InputLimits | None = None) -> None:
        self._engine = engine
        self._limits = limits or InputLimits()

    async def Summarize(
        self, request: summary_pb2.SummarizeRequest, context: grpc.aio.ServicerContext
    ) -> summary_pb2.SummarizeResponse:
        limits = self._limits
        limits.check_comments(request.comments)  # counts first, before anything is converted
        limits.check_cues(len(request.transcript.cues))
        domain_request = request_from_proto(request)
        limits.check_transcript(domain_request.transcript)
        limits.check_comment_texts(domain_request.comments)
        limits.check_text("the title", domain_request.video.title)
        limits.check_text("the description", domain_request.video.description)
        summary, provenance = await self._engine.summarize(domain_request)
        return summary_pb2.SummarizeResponse(
            result=summary_to_proto(summary), provenance=convert.provenance_to_proto(provenance)
        )


def request_from_proto(message: summary_pb2.SummarizeRequest) -> SummaryRequest:
    return SummaryRequest(
        video=convert.metadata_from_proto(message.video),
        transcript=convert.transcript_from_proto(message.transcript),
        comments=tuple(convert.comment_from_proto(comment) for comment in message.comments),
        language=message.language,
        video_digest=digest_from_proto(message.video_digest)
        if message.HasField("video_digest")
        else None,
        comment_labels=comment_labels_from_proto(message.comment_labels, message.comments),
        video_file=_video_file(message.video_file) if message.HasField("video_file") else None,
    )


def _video_file(message: summary_pb2.VideoFile) -> tuple[str, str]:
    if not message.uri.startswith(("https://", "http://")) or not message.mime_type.startswith(
        "video/"
    ):
        raise InvalidInput(
            "video_file needs an http(s) uri and a video/* mime_type.", reason="INVALID_VIDEO_FILE"
        )
    return message.uri, message.mime_type


def digest_from_proto(message: summary_pb2.ShotDigest) -> VideoDigest:
    if len(message.stills) > MAX_DIGEST_STILLS:
        raise InvalidInput(
            f"video_digest carries {len(message.stills)} stills; at most {MAX_DIGEST_STILLS}.",
            reason="TOO_MANY_STILLS",
        )
    if message.duration.seconds < 0 or any(s.time.seconds < 0 for s in message.stills):
        raise InvalidInput(
            "video_digest has a negative duration or still time.", reason="INVALID_VIDEO_DIGEST"
        )
    return VideoDigest(
        duration=convert.seconds_of(message.duration),
        shots=tuple(_shot_from_proto(shot) for shot in message.shots),
        stills=tuple(
            EncodedStill(convert.seconds_of(s.time), s.image_jpeg, s.quality)
            for s in sorted(message.stills, key=lambda s: convert.seconds_of(s.time))
        ),
    )


def _shot_from_proto(message: summary_pb2.Shot) -> Shot:
    return Shot(convert.seconds_of(message.start), convert.seconds_of(message.end))


def shot_to_proto(shot: Shot) -> summary_pb2.Shot:
    return summary_pb2.Shot(start=convert.duration(shot.start), end=convert.duration(shot.end))


def key_frame_to_proto(frame: KeyFrame) -> summary_pb2.KeyFrame:
    return summary_pb2.KeyFrame(
        time=convert.duration(frame.time),
        chapter_index=frame.chapter_index,
        image_jpeg=frame.image_jpeg,
        quality=frame.quality,
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
        shots=[shot_to_proto(shot) for shot in summary.shots],
        key_frames=[key_frame_to_proto(frame) for frame in summary.key_frames],
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
                requests=section.requests,
            )
        )
    return result
