"""Conversions between the shared domain types and their protobuf messages."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from google.protobuf import duration_pb2, timestamp_pb2

from tubelens.domain import Box, Comment, Provenance, Transcript, TranscriptCue, VideoMetadata
from tubelens.errors import InvalidInput
from tubelens.v1 import comments_pb2, common_pb2

_ENGINES = {"local": common_pb2.ENGINE_LOCAL, "gemini": common_pb2.ENGINE_GEMINI}
DEFAULT_COMMENT_LABELS = 10_000  # labels in one response when the caller sets no limit
# 56-101 bytes a label, measured (a YouTube reply id is 49 characters, spam adds its reasons):
# 100,000 make 6-10 MB, well within the default 32 MB message size (TUBELENS_MAX_MESSAGE_MB).
MAX_COMMENT_LABELS = 100_000


def comment_labels_page(
    message: comments_pb2.CommentLabelsOptions, name: str
) -> tuple[int, int] | None:
    """(offset, limit) of the per-comment labels asked for, None when none are. Shared by the
    gateway and the comments service so both refuse the same options; `name` is the field's
    path in the caller's request, for the message."""
    if message.offset < 0 or message.limit < 0:
        raise InvalidInput(
            f"{name}.offset and {name}.limit cannot be negative.", reason="INVALID_OPTION"
        )
    if message.limit > MAX_COMMENT_LABELS:
        raise InvalidInput(
            f"{name}.limit is {message.limit:,}; at most {MAX_COMMENT_LABELS:,} labels are "
            f"returned at once: ask for the rest with {name}.offset.",
            reason="INVALID_OPTION",
            metadata={"limit": str(MAX_COMMENT_LABELS)},
        )
    if not message.include:
        return None
    return message.offset, message.limit or DEFAULT_COMMENT_LABELS


def duration(seconds: float) -> duration_pb2.Duration:
    message = duration_pb2.Duration()
    message.FromNanoseconds(round(seconds * 1e9))
    return message


def seconds_of(message: duration_pb2.Duration) -> float:
    return message.ToNanoseconds() / 1e9


def timestamp(moment: datetime | None) -> timestamp_pb2.Timestamp | None:
    if moment is None:
        return None
    message = timestamp_pb2.Timestamp()
    message.FromDatetime(moment.astimezone(UTC))
    return message


def datetime_of(message: timestamp_pb2.Timestamp) -> datetime:
    return message.ToDatetime(tzinfo=UTC)


def metadata_to_proto(video: VideoMetadata) -> common_pb2.VideoMetadata:
    return common_pb2.VideoMetadata(
        video_id=video.video_id,
        title=video.title,
        channel_title=video.channel_title,
        channel_id=video.channel_id,
        description=video.description,
        duration=duration(video.duration_seconds),
        published_at=timestamp(video.published_at),
        default_language=video.default_language,
        view_count=video.view_count,
        like_count=video.like_count,
        comment_count=video.comment_count,
        tags=list(video.tags),
        url=video.url,
    )


def metadata_from_proto(message: common_pb2.VideoMetadata) -> VideoMetadata:
    return VideoMetadata(
        video_id=message.video_id,
        title=message.title,
        channel_title=message.channel_title,
        channel_id=message.channel_id,
        description=message.description,
        duration_seconds=seconds_of(message.duration),
        published_at=datetime_of(message.published_at)
        if message.HasField("published_at")
        else None,
        default_language=message.default_language,
        view_count=message.view_count,
        like_count=message.like_count,
        comment_count=message.comment_count,
        tags=tuple(message.tags),
    )


def comment_to_proto(comment: Comment) -> common_pb2.Comment:
    return common_pb2.Comment(
        id=comment.id,
        author=comment.author,
        text=comment.text,
        like_count=comment.like_count,
        published_at=timestamp(comment.published_at),
        parent_id=comment.parent_id,
    )


def comment_from_proto(message: common_pb2.Comment) -> Comment:
    return Comment(
        id=message.id,
        text=message.text,
        author=message.author,
        like_count=message.like_count,
        published_at=datetime_of(message.published_at)
        if message.HasField("published_at")
        else None,
        parent_id=message.parent_id,
    )


def transcript_to_proto(transcript: Transcript) -> common_pb2.Transcript:
    return common_pb2.Transcript(
        language=transcript.language,
        cues=[
            common_pb2.TranscriptCue(
                start=duration(cue.start), end=duration(cue.end), text=cue.text
            )
            for cue in transcript.cues
        ],
    )


def transcript_from_proto(message: common_pb2.Transcript) -> Transcript | None:
    if not message.cues:
        return None
    return Transcript(
        language=message.language,
        cues=tuple(
            TranscriptCue(start=seconds_of(cue.start), end=seconds_of(cue.end), text=cue.text)
            for cue in message.cues
        ),
    )


def box_to_proto(box: Box) -> common_pb2.BoundingBox:
    return common_pb2.BoundingBox(x=box.x, y=box.y, width=box.width, height=box.height)


def provenance_to_proto(provenance: Provenance) -> common_pb2.Provenance:
    message = common_pb2.Provenance(
        engine=_ENGINES.get(provenance.engine, common_pb2.ENGINE_UNSPECIFIED),
        model=provenance.model,
        prompt_version=provenance.prompt_version,
        cached=provenance.cached,
        notes=list(provenance.notes),
    )
    if provenance.total_tokens is not None:
        message.token_usage.CopyFrom(
            token_usage_to_proto(
                input_tokens=provenance.input_tokens or 0,
                output_tokens=provenance.output_tokens or 0,
                total_tokens=provenance.total_tokens,
                thinking_tokens=provenance.thinking_tokens,
                model_calls=provenance.model_calls,
                input_by_modality=dict(provenance.input_tokens_by_modality),
                output_by_modality=dict(provenance.output_tokens_by_modality),
                estimated_cost_usd=provenance.estimated_cost_usd,
                shared_calls=provenance.shared_calls,
            )
        )
    return message


def token_usage_to_proto(
    *,
    input_tokens: int,
    output_tokens: int,
    total_tokens: int,
    thinking_tokens: int,
    model_calls: int,
    input_by_modality: Mapping[str, int],
    output_by_modality: Mapping[str, int],
    estimated_cost_usd: float,
    shared_calls: int,
) -> common_pb2.TokenUsage:
    return common_pb2.TokenUsage(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        total_tokens=total_tokens,
        thinking_tokens=thinking_tokens,
        model_calls=model_calls,
        input_tokens_by_modality=dict(input_by_modality),
        output_tokens_by_modality=dict(output_by_modality),
        estimated_cost_usd=estimated_cost_usd,
        shared_calls=shared_calls,
    )
