import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Engine(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENGINE_UNSPECIFIED: _ClassVar[Engine]
    ENGINE_LOCAL: _ClassVar[Engine]
    ENGINE_GEMINI: _ClassVar[Engine]
ENGINE_UNSPECIFIED: Engine
ENGINE_LOCAL: Engine
ENGINE_GEMINI: Engine

class TokenUsage(_message.Message):
    __slots__ = ("input_tokens", "output_tokens", "total_tokens", "input_tokens_by_modality", "output_tokens_by_modality", "thinking_tokens", "model_calls", "estimated_cost_usd", "shared_calls")
    class InputTokensByModalityEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class OutputTokensByModalityEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TOKENS_FIELD_NUMBER: _ClassVar[int]
    INPUT_TOKENS_BY_MODALITY_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_TOKENS_BY_MODALITY_FIELD_NUMBER: _ClassVar[int]
    THINKING_TOKENS_FIELD_NUMBER: _ClassVar[int]
    MODEL_CALLS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COST_USD_FIELD_NUMBER: _ClassVar[int]
    SHARED_CALLS_FIELD_NUMBER: _ClassVar[int]
    input_tokens: int
    output_tokens: int
    total_tokens: int
    input_tokens_by_modality: _containers.ScalarMap[str, int]
    output_tokens_by_modality: _containers.ScalarMap[str, int]
    thinking_tokens: int
    model_calls: int
    estimated_cost_usd: float
    shared_calls: int
    def __init__(self, input_tokens: _Optional[int] = ..., output_tokens: _Optional[int] = ..., total_tokens: _Optional[int] = ..., input_tokens_by_modality: _Optional[_Mapping[str, int]] = ..., output_tokens_by_modality: _Optional[_Mapping[str, int]] = ..., thinking_tokens: _Optional[int] = ..., model_calls: _Optional[int] = ..., estimated_cost_usd: _Optional[float] = ..., shared_calls: _Optional[int] = ...) -> None: ...

class Provenance(_message.Message):
    __slots__ = ("engine", "model", "prompt_version", "token_usage", "cached", "notes", "youtube_quota_units", "transcript_track", "inputs_cached", "computed_at", "partial")
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PROMPT_VERSION_FIELD_NUMBER: _ClassVar[int]
    TOKEN_USAGE_FIELD_NUMBER: _ClassVar[int]
    CACHED_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    YOUTUBE_QUOTA_UNITS_FIELD_NUMBER: _ClassVar[int]
    TRANSCRIPT_TRACK_FIELD_NUMBER: _ClassVar[int]
    INPUTS_CACHED_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    PARTIAL_FIELD_NUMBER: _ClassVar[int]
    engine: Engine
    model: str
    prompt_version: str
    token_usage: TokenUsage
    cached: bool
    notes: _containers.RepeatedScalarFieldContainer[str]
    youtube_quota_units: int
    transcript_track: str
    inputs_cached: bool
    computed_at: _timestamp_pb2.Timestamp
    partial: bool
    def __init__(self, engine: _Optional[_Union[Engine, str]] = ..., model: _Optional[str] = ..., prompt_version: _Optional[str] = ..., token_usage: _Optional[_Union[TokenUsage, _Mapping]] = ..., cached: _Optional[bool] = ..., notes: _Optional[_Iterable[str]] = ..., youtube_quota_units: _Optional[int] = ..., transcript_track: _Optional[str] = ..., inputs_cached: _Optional[bool] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., partial: _Optional[bool] = ...) -> None: ...

class VideoMetadata(_message.Message):
    __slots__ = ("video_id", "title", "channel_title", "channel_id", "description", "duration", "published_at", "default_language", "view_count", "like_count", "comment_count", "tags", "url")
    VIDEO_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_TITLE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    VIEW_COUNT_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    COMMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    video_id: str
    title: str
    channel_title: str
    channel_id: str
    description: str
    duration: _duration_pb2.Duration
    published_at: _timestamp_pb2.Timestamp
    default_language: str
    view_count: int
    like_count: int
    comment_count: int
    tags: _containers.RepeatedScalarFieldContainer[str]
    url: str
    def __init__(self, video_id: _Optional[str] = ..., title: _Optional[str] = ..., channel_title: _Optional[str] = ..., channel_id: _Optional[str] = ..., description: _Optional[str] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., default_language: _Optional[str] = ..., view_count: _Optional[int] = ..., like_count: _Optional[int] = ..., comment_count: _Optional[int] = ..., tags: _Optional[_Iterable[str]] = ..., url: _Optional[str] = ...) -> None: ...

class Comment(_message.Message):
    __slots__ = ("id", "author", "text", "like_count", "published_at", "parent_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    author: str
    text: str
    like_count: int
    published_at: _timestamp_pb2.Timestamp
    parent_id: str
    def __init__(self, id: _Optional[str] = ..., author: _Optional[str] = ..., text: _Optional[str] = ..., like_count: _Optional[int] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., parent_id: _Optional[str] = ...) -> None: ...

class TranscriptCue(_message.Message):
    __slots__ = ("start", "end", "text")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    start: _duration_pb2.Duration
    end: _duration_pb2.Duration
    text: str
    def __init__(self, start: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., end: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., text: _Optional[str] = ...) -> None: ...

class Transcript(_message.Message):
    __slots__ = ("language", "cues")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CUES_FIELD_NUMBER: _ClassVar[int]
    language: str
    cues: _containers.RepeatedCompositeFieldContainer[TranscriptCue]
    def __init__(self, language: _Optional[str] = ..., cues: _Optional[_Iterable[_Union[TranscriptCue, _Mapping]]] = ...) -> None: ...

class BoundingBox(_message.Message):
    __slots__ = ("x", "y", "width", "height")
    X_FIELD_NUMBER: _ClassVar[int]
    Y_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    x: float
    y: float
    width: float
    height: float
    def __init__(self, x: _Optional[float] = ..., y: _Optional[float] = ..., width: _Optional[float] = ..., height: _Optional[float] = ...) -> None: ...
