import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from tubelens.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UploadVideoRequest(_message.Message):
    __slots__ = ("header", "video_chunk", "thumbnail_chunk")
    HEADER_FIELD_NUMBER: _ClassVar[int]
    VIDEO_CHUNK_FIELD_NUMBER: _ClassVar[int]
    THUMBNAIL_CHUNK_FIELD_NUMBER: _ClassVar[int]
    header: UploadHeader
    video_chunk: bytes
    thumbnail_chunk: bytes
    def __init__(self, header: _Optional[_Union[UploadHeader, _Mapping]] = ..., video_chunk: _Optional[bytes] = ..., thumbnail_chunk: _Optional[bytes] = ...) -> None: ...

class UploadHeader(_message.Message):
    __slots__ = ("title", "description", "language", "video_size_bytes", "video_mime_type", "thumbnail_mime_type", "transcript", "comments")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    VIDEO_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    VIDEO_MIME_TYPE_FIELD_NUMBER: _ClassVar[int]
    THUMBNAIL_MIME_TYPE_FIELD_NUMBER: _ClassVar[int]
    TRANSCRIPT_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    title: str
    description: str
    language: str
    video_size_bytes: int
    video_mime_type: str
    thumbnail_mime_type: str
    transcript: _common_pb2.Transcript
    comments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Comment]
    def __init__(self, title: _Optional[str] = ..., description: _Optional[str] = ..., language: _Optional[str] = ..., video_size_bytes: _Optional[int] = ..., video_mime_type: _Optional[str] = ..., thumbnail_mime_type: _Optional[str] = ..., transcript: _Optional[_Union[_common_pb2.Transcript, _Mapping]] = ..., comments: _Optional[_Iterable[_Union[_common_pb2.Comment, _Mapping]]] = ...) -> None: ...

class UploadVideoResponse(_message.Message):
    __slots__ = ("upload_id", "expire_time", "video_bytes", "thumbnail_bytes", "sent_to_gemini")
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    VIDEO_BYTES_FIELD_NUMBER: _ClassVar[int]
    THUMBNAIL_BYTES_FIELD_NUMBER: _ClassVar[int]
    SENT_TO_GEMINI_FIELD_NUMBER: _ClassVar[int]
    upload_id: str
    expire_time: _timestamp_pb2.Timestamp
    video_bytes: int
    thumbnail_bytes: int
    sent_to_gemini: bool
    def __init__(self, upload_id: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., video_bytes: _Optional[int] = ..., thumbnail_bytes: _Optional[int] = ..., sent_to_gemini: _Optional[bool] = ...) -> None: ...

class DeleteUploadRequest(_message.Message):
    __slots__ = ("upload_id",)
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    upload_id: str
    def __init__(self, upload_id: _Optional[str] = ...) -> None: ...

class DeleteUploadResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
