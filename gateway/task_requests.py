"""The request each task sends to its service, built from the video source's parts."""

from __future__ import annotations

import asyncio
import heapq
import math
from dataclasses import dataclass, field
from typing import Any

from gateway.label_handoff import LabelHandoff, labels_to_ask
from gateway.sources import VideoSource
from tubelens import convert
from tubelens.domain import Comment
from tubelens.errors import FailedPrecondition, TubeLensError
from tubelens.v1 import comments_pb2, summary_pb2, thumbnail_pb2


@dataclass(frozen=True, slots=True)
class AnalysisPlan:
    """What one Analyze call asks for, validated."""

    tasks: tuple[int, ...]  # gateway_pb2.Task values, in request order, without duplicates
    language: str
    max_comments: int
    request_id: str
    deadline: float = math.inf  # on the event loop's clock; bounds the video scan
    # Inputs converted once and shared by the tasks of this analysis (see comment_protos).
    converted: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    labels: tuple[int, int] | None = None  # (offset, limit) of the labels asked for; None: none
    thumbnail_image: bool = False  # the reduced thumbnail goes with its review (thumbnail_image)
    # Set when this call computes both the comments and the summary task (gateway.label_handoff).
    handoff: LabelHandoff | None = field(default=None, compare=False, repr=False)


async def summary_request(source: VideoSource, plan: AnalysisPlan) -> Any:
    transcript, comments, digest = await asyncio.gather(
        source.transcript(), _comments_if_any(source), source.video_digest(_time_left(plan))
    )
    request = summary_pb2.SummarizeRequest(
        video=convert.metadata_to_proto(source.metadata),
        language=plan.language,
        comments=comment_protos(comments, plan),
    )
    labels = await plan.handoff.labels() if plan.handoff is not None and comments else None
    if labels is not None and len(labels) == len(request.comments):
        request.comment_labels.extend(labels)
    if transcript is not None:
        request.transcript.CopyFrom(convert.transcript_to_proto(transcript))
    if digest is not None:
        request.video_digest.CopyFrom(digest)
    if source.video_file is not None:
        request.video_file.uri = source.video_file.uri
        request.video_file.mime_type = source.video_file.mime_type
    return request


async def _comments_if_any(source: VideoSource) -> tuple[Comment, ...]:
    """The summary goes on without comments (disabled, quota spent): they are a side part of
    it. The source's report says why they are missing."""
    try:
        return await source.comments()
    except TubeLensError:
        return ()


async def comments_request(source: VideoSource, plan: AnalysisPlan) -> Any:
    comments = await source.comments()
    if not comments:
        raise FailedPrecondition("The video has no comments to analyse.", reason="NO_COMMENTS")
    protos = comment_protos(comments, plan)
    request = comments_pb2.AnalyzeCommentsRequest(
        video=convert.metadata_to_proto(source.metadata), language=plan.language, comments=protos
    )
    labels = labels_to_ask(plan.labels, plan.handoff, len(protos))
    if labels is not None:
        request.labels.CopyFrom(labels)
    return request


async def thumbnail_request(source: VideoSource, plan: AnalysisPlan) -> Any:
    image = await source.thumbnail()
    if not image:
        raise FailedPrecondition(
            "The video has no thumbnail image to analyse.", reason="THUMBNAIL_MISSING"
        )
    digest = await source.video_digest(_time_left(plan))
    return thumbnail_pb2.AnalyzeThumbnailRequest(
        image=image,
        title=source.metadata.title,
        language=plan.language,
        video=convert.metadata_to_proto(source.metadata),
        candidate_frames=[
            thumbnail_pb2.CandidateFrame(time=still.time, image=still.image_jpeg)
            for still in (digest.stills if digest else ())
        ],
    )


def _time_left(plan: AnalysisPlan) -> float:
    return plan.deadline - asyncio.get_running_loop().time()


def comment_protos(comments: tuple[Comment, ...], plan: AnalysisPlan) -> list[Any]:
    """The comments the summary and comments tasks send, converted once per analysis."""
    converted = plan.converted.get("comments")
    if converted is None or converted[0] is not comments:
        protos = [convert.comment_to_proto(c) for c in most_liked(comments, plan.max_comments)]
        converted = plan.converted["comments"] = (comments, protos)
    return converted[1]


def most_liked(comments: tuple[Comment, ...], limit: int) -> list[Comment]:
    if len(comments) <= limit:
        return list(comments)
    return heapq.nlargest(limit, comments, key=lambda comment: comment.like_count)
