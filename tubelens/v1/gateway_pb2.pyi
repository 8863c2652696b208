import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.longrunning import operations_pb2 as _operations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from tubelens.v1 import comments_pb2 as _comments_pb2
from tubelens.v1 import common_pb2 as _common_pb2
from tubelens.v1 import photocard_pb2 as _photocard_pb2
from tubelens.v1 import summary_pb2 as _summary_pb2
from tubelens.v1 import thumbnail_pb2 as _thumbnail_pb2
from tubelens.v1 import uploads_pb2 as _uploads_pb2
from tubelens.v1 import usage_pb2 as _usage_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Task(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TASK_UNSPECIFIED: _ClassVar[Task]
    TASK_SUMMARY: _ClassVar[Task]
    TASK_COMMENTS: _ClassVar[Task]
    TASK_THUMBNAIL: _ClassVar[Task]

class CommentOrder(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMMENT_ORDER_UNSPECIFIED: _ClassVar[CommentOrder]
    COMMENT_ORDER_RELEVANCE: _ClassVar[CommentOrder]
    COMMENT_ORDER_TIME: _ClassVar[CommentOrder]
TASK_UNSPECIFIED: Task
TASK_SUMMARY: Task
TASK_COMMENTS: Task
TASK_THUMBNAIL: Task
COMMENT_ORDER_UNSPECIFIED: CommentOrder
COMMENT_ORDER_RELEVANCE: CommentOrder
COMMENT_ORDER_TIME: CommentOrder

class VideoRef(_message.Message):
    __slots__ = ("url", "bundle", "upload")
    URL_FIELD_NUMBER: _ClassVar[int]
    BUNDLE_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_FIELD_NUMBER: _ClassVar[int]
    url: str
    bundle: str
    upload: str
    def __init__(self, url: _Optional[str] = ..., bundle: _Optional[str] = ..., upload: _Optional[str] = ...) -> None: ...

class AnalysisOptions(_message.Message):
    __slots__ = ("language", "max_comments", "comment_order", "fresh", "comment_labels", "include_thumbnail_image")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    MAX_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    FRESH_FIELD_NUMBER: _ClassVar[int]
    COMMENT_LABELS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_THUMBNAIL_IMAGE_FIELD_NUMBER: _ClassVar[int]
    language: str
    max_comments: int
    comment_order: CommentOrder
    fresh: bool
    comment_labels: _comments_pb2.CommentLabelsOptions
    include_thumbnail_image: bool
    def __init__(self, language: _Optional[str] = ..., max_comments: _Optional[int] = ..., comment_order: _Optional[_Union[CommentOrder, str]] = ..., fresh: _Optional[bool] = ..., comment_labels: _Optional[_Union[_comments_pb2.CommentLabelsOptions, _Mapping]] = ..., include_thumbnail_image: _Optional[bool] = ...) -> None: ...

class AnalyzeRequest(_message.Message):
    __slots__ = ("video", "tasks", "options")
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    video: VideoRef
    tasks: _containers.RepeatedScalarFieldContainer[Task]
    options: AnalysisOptions
    def __init__(self, video: _Optional[_Union[VideoRef, _Mapping]] = ..., tasks: _Optional[_Iterable[_Union[Task, str]]] = ..., options: _Optional[_Union[AnalysisOptions, _Mapping]] = ...) -> None: ...

class AnalyzeStreamRequest(_message.Message):
    __slots__ = ("video", "tasks", "options")
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    video: VideoRef
    tasks: _containers.RepeatedScalarFieldContainer[Task]
    options: AnalysisOptions
    def __init__(self, video: _Optional[_Union[VideoRef, _Mapping]] = ..., tasks: _Optional[_Iterable[_Union[Task, str]]] = ..., options: _Optional[_Union[AnalysisOptions, _Mapping]] = ...) -> None: ...

class TaskResult(_message.Message):
    __slots__ = ("task", "status", "latency", "provenance", "summary", "comments", "thumbnail")
    TASK_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    THUMBNAIL_FIELD_NUMBER: _ClassVar[int]
    task: Task
    status: _status_pb2.Status
    latency: _duration_pb2.Duration
    provenance: _common_pb2.Provenance
    summary: _summary_pb2.SummaryResult
    comments: _comments_pb2.CommentsResult
    thumbnail: _thumbnail_pb2.ThumbnailResult
    def __init__(self, task: _Optional[_Union[Task, str]] = ..., status: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., provenance: _Optional[_Union[_common_pb2.Provenance, _Mapping]] = ..., summary: _Optional[_Union[_summary_pb2.SummaryResult, _Mapping]] = ..., comments: _Optional[_Union[_comments_pb2.CommentsResult, _Mapping]] = ..., thumbnail: _Optional[_Union[_thumbnail_pb2.ThumbnailResult, _Mapping]] = ...) -> None: ...

class AnalyzeResponse(_message.Message):
    __slots__ = ("video", "results", "latency", "request_id", "youtube_quota_units")
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    YOUTUBE_QUOTA_UNITS_FIELD_NUMBER: _ClassVar[int]
    video: _common_pb2.VideoMetadata
    results: _containers.RepeatedCompositeFieldContainer[TaskResult]
    latency: _duration_pb2.Duration
    request_id: str
    youtube_quota_units: int
    def __init__(self, video: _Optional[_Union[_common_pb2.VideoMetadata, _Mapping]] = ..., results: _Optional[_Iterable[_Union[TaskResult, _Mapping]]] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., request_id: _Optional[str] = ..., youtube_quota_units: _Optional[int] = ...) -> None: ...

class StreamCompleted(_message.Message):
    __slots__ = ("video", "latency", "succeeded_tasks", "failed_tasks", "request_id", "youtube_quota_units")
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    SUCCEEDED_TASKS_FIELD_NUMBER: _ClassVar[int]
    FAILED_TASKS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    YOUTUBE_QUOTA_UNITS_FIELD_NUMBER: _ClassVar[int]
    video: _common_pb2.VideoMetadata
    latency: _duration_pb2.Duration
    succeeded_tasks: int
    failed_tasks: int
    request_id: str
    youtube_quota_units: int
    def __init__(self, video: _Optional[_Union[_common_pb2.VideoMetadata, _Mapping]] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., succeeded_tasks: _Optional[int] = ..., failed_tasks: _Optional[int] = ..., request_id: _Optional[str] = ..., youtube_quota_units: _Optional[int] = ...) -> None: ...

class AnalyzeStreamResponse(_message.Message):
    __slots__ = ("task_result", "completed")
    TASK_RESULT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    task_result: TaskResult
    completed: StreamCompleted
    def __init__(self, task_result: _Optional[_Union[TaskResult, _Mapping]] = ..., completed: _Optional[_Union[StreamCompleted, _Mapping]] = ...) -> None: ...

class AnalyzeAsyncRequest(_message.Message):
    __slots__ = ("video", "tasks", "options")
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    video: VideoRef
    tasks: _containers.RepeatedScalarFieldContainer[Task]
    options: AnalysisOptions
    def __init__(self, video: _Optional[_Union[VideoRef, _Mapping]] = ..., tasks: _Optional[_Iterable[_Union[Task, str]]] = ..., options: _Optional[_Union[AnalysisOptions, _Mapping]] = ...) -> None: ...

class AnalyzeOperationMetadata(_message.Message):
    __slots__ = ("create_time", "end_time", "requested_tasks", "finished_tasks", "request_id", "cancel_requested", "caller", "expire_time")
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_TASKS_FIELD_NUMBER: _ClassVar[int]
    FINISHED_TASKS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    create_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    requested_tasks: int
    finished_tasks: int
    request_id: str
    cancel_requested: bool
    caller: str
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., requested_tasks: _Optional[int] = ..., finished_tasks: _Optional[int] = ..., request_id: _Optional[str] = ..., cancel_requested: _Optional[bool] = ..., caller: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListBundlesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class OfferedBundle(_message.Message):
    __slots__ = ("name", "title", "language", "duration", "has_video")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    HAS_VIDEO_FIELD_NUMBER: _ClassVar[int]
    name: str
    title: str
    language: str
    duration: _duration_pb2.Duration
    has_video: bool
    def __init__(self, name: _Optional[str] = ..., title: _Optional[str] = ..., language: _Optional[str] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., has_video: _Optional[bool] = ...) -> None: ...

class ListBundlesResponse(_message.Message):
    __slots__ = ("bundles",)
    BUNDLES_FIELD_NUMBER: _ClassVar[int]
    bundles: _containers.RepeatedCompositeFieldContainer[OfferedBundle]
    def __init__(self, bundles: _Optional[_Iterable[_Union[OfferedBundle, _Mapping]]] = ...) -> None: ...
