import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from tubelens.v1 import comments_pb2 as _comments_pb2
from tubelens.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SummarySource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUMMARY_SOURCE_UNSPECIFIED: _ClassVar[SummarySource]
    SUMMARY_SOURCE_TRANSCRIPT: _ClassVar[SummarySource]
    SUMMARY_SOURCE_DESCRIPTION: _ClassVar[SummarySource]
    SUMMARY_SOURCE_VIDEO: _ClassVar[SummarySource]

class ChapterOrigin(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHAPTER_ORIGIN_UNSPECIFIED: _ClassVar[ChapterOrigin]
    CHAPTER_ORIGIN_DESCRIPTION: _ClassVar[ChapterOrigin]
    CHAPTER_ORIGIN_TRANSCRIPT: _ClassVar[ChapterOrigin]
    CHAPTER_ORIGIN_MODEL: _ClassVar[ChapterOrigin]
SUMMARY_SOURCE_UNSPECIFIED: SummarySource
SUMMARY_SOURCE_TRANSCRIPT: SummarySource
SUMMARY_SOURCE_DESCRIPTION: SummarySource
SUMMARY_SOURCE_VIDEO: SummarySource
CHAPTER_ORIGIN_UNSPECIFIED: ChapterOrigin
CHAPTER_ORIGIN_DESCRIPTION: ChapterOrigin
CHAPTER_ORIGIN_TRANSCRIPT: ChapterOrigin
CHAPTER_ORIGIN_MODEL: ChapterOrigin

class SummarizeRequest(_message.Message):
    __slots__ = ("video", "transcript", "comments", "language", "video_digest", "comment_labels", "video_file")
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    TRANSCRIPT_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    VIDEO_DIGEST_FIELD_NUMBER: _ClassVar[int]
    COMMENT_LABELS_FIELD_NUMBER: _ClassVar[int]
    VIDEO_FILE_FIELD_NUMBER: _ClassVar[int]
    video: _common_pb2.VideoMetadata
    transcript: _common_pb2.Transcript
    comments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Comment]
    language: str
    video_digest: ShotDigest
    comment_labels: _containers.RepeatedCompositeFieldContainer[_comments_pb2.CommentLabels]
    video_file: VideoFile
    def __init__(self, video: _Optional[_Union[_common_pb2.VideoMetadata, _Mapping]] = ..., transcript: _Optional[_Union[_common_pb2.Transcript, _Mapping]] = ..., comments: _Optional[_Iterable[_Union[_common_pb2.Comment, _Mapping]]] = ..., language: _Optional[str] = ..., video_digest: _Optional[_Union[ShotDigest, _Mapping]] = ..., comment_labels: _Optional[_Iterable[_Union[_comments_pb2.CommentLabels, _Mapping]]] = ..., video_file: _Optional[_Union[VideoFile, _Mapping]] = ...) -> None: ...

class VideoFile(_message.Message):
    __slots__ = ("uri", "mime_type")
    URI_FIELD_NUMBER: _ClassVar[int]
    MIME_TYPE_FIELD_NUMBER: _ClassVar[int]
    uri: str
    mime_type: str
    def __init__(self, uri: _Optional[str] = ..., mime_type: _Optional[str] = ...) -> None: ...

class SummarizeResponse(_message.Message):
    __slots__ = ("result", "provenance")
    RESULT_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    result: SummaryResult
    provenance: _common_pb2.Provenance
    def __init__(self, result: _Optional[_Union[SummaryResult, _Mapping]] = ..., provenance: _Optional[_Union[_common_pb2.Provenance, _Mapping]] = ...) -> None: ...

class KeyPoint(_message.Message):
    __slots__ = ("text", "start", "source")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    text: str
    start: _duration_pb2.Duration
    source: SummarySource
    def __init__(self, text: _Optional[str] = ..., start: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., source: _Optional[_Union[SummarySource, str]] = ...) -> None: ...

class Chapter(_message.Message):
    __slots__ = ("title", "start", "end")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    title: str
    start: _duration_pb2.Duration
    end: _duration_pb2.Duration
    def __init__(self, title: _Optional[str] = ..., start: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., end: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class CommentSectionSummary(_message.Message):
    __slots__ = ("text", "topics", "praise", "criticism", "questions", "comments_considered", "requests")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TOPICS_FIELD_NUMBER: _ClassVar[int]
    PRAISE_FIELD_NUMBER: _ClassVar[int]
    CRITICISM_FIELD_NUMBER: _ClassVar[int]
    QUESTIONS_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_CONSIDERED_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    text: str
    topics: _containers.RepeatedScalarFieldContainer[str]
    praise: _containers.RepeatedScalarFieldContainer[str]
    criticism: _containers.RepeatedScalarFieldContainer[str]
    questions: _containers.RepeatedScalarFieldContainer[str]
    comments_considered: int
    requests: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, text: _Optional[str] = ..., topics: _Optional[_Iterable[str]] = ..., praise: _Optional[_Iterable[str]] = ..., criticism: _Optional[_Iterable[str]] = ..., questions: _Optional[_Iterable[str]] = ..., comments_considered: _Optional[int] = ..., requests: _Optional[_Iterable[str]] = ...) -> None: ...

class SummaryResult(_message.Message):
    __slots__ = ("tldr", "key_points", "chapters", "chapter_origin", "comment_summary", "source", "language", "shots", "key_frames")
    TLDR_FIELD_NUMBER: _ClassVar[int]
    KEY_POINTS_FIELD_NUMBER: _ClassVar[int]
    CHAPTERS_FIELD_NUMBER: _ClassVar[int]
    CHAPTER_ORIGIN_FIELD_NUMBER: _ClassVar[int]
    COMMENT_SUMMARY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SHOTS_FIELD_NUMBER: _ClassVar[int]
    KEY_FRAMES_FIELD_NUMBER: _ClassVar[int]
    tldr: str
    key_points: _containers.RepeatedCompositeFieldContainer[KeyPoint]
    chapters: _containers.RepeatedCompositeFieldContainer[Chapter]
    chapter_origin: ChapterOrigin
    comment_summary: CommentSectionSummary
    source: SummarySource
    language: str
    shots: _containers.RepeatedCompositeFieldContainer[Shot]
    key_frames: _containers.RepeatedCompositeFieldContainer[KeyFrame]
    def __init__(self, tldr: _Optional[str] = ..., key_points: _Optional[_Iterable[_Union[KeyPoint, _Mapping]]] = ..., chapters: _Optional[_Iterable[_Union[Chapter, _Mapping]]] = ..., chapter_origin: _Optional[_Union[ChapterOrigin, str]] = ..., comment_summary: _Optional[_Union[CommentSectionSummary, _Mapping]] = ..., source: _Optional[_Union[SummarySource, str]] = ..., language: _Optional[str] = ..., shots: _Optional[_Iterable[_Union[Shot, _Mapping]]] = ..., key_frames: _Optional[_Iterable[_Union[KeyFrame, _Mapping]]] = ...) -> None: ...

class Shot(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: _duration_pb2.Duration
    end: _duration_pb2.Duration
    def __init__(self, start: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., end: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class ShotDigest(_message.Message):
    __slots__ = ("duration", "shots", "stills")
    DURATION_FIELD_NUMBER: _ClassVar[int]
    SHOTS_FIELD_NUMBER: _ClassVar[int]
    STILLS_FIELD_NUMBER: _ClassVar[int]
    duration: _duration_pb2.Duration
    shots: _containers.RepeatedCompositeFieldContainer[Shot]
    stills: _containers.RepeatedCompositeFieldContainer[KeyFrame]
    def __init__(self, duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., shots: _Optional[_Iterable[_Union[Shot, _Mapping]]] = ..., stills: _Optional[_Iterable[_Union[KeyFrame, _Mapping]]] = ...) -> None: ...

class KeyFrame(_message.Message):
    __slots__ = ("time", "chapter_index", "image_jpeg", "quality")
    TIME_FIELD_NUMBER: _ClassVar[int]
    CHAPTER_INDEX_FIELD_NUMBER: _ClassVar[int]
    IMAGE_JPEG_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    time: _duration_pb2.Duration
    chapter_index: int
    image_jpeg: bytes
    quality: float
    def __init__(self, time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., chapter_index: _Optional[int] = ..., image_jpeg: _Optional[bytes] = ..., quality: _Optional[float] = ...) -> None: ...
