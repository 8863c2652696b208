import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from tubelens.v1 import summary_pb2 as _summary_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class VideoFileHeader(_message.Message):
    __slots__ = ("file_name", "size_bytes")
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    file_name: str
    size_bytes: int
    def __init__(self, file_name: _Optional[str] = ..., size_bytes: _Optional[int] = ...) -> None: ...

class ScanVideoRequest(_message.Message):
    __slots__ = ("header", "chunk")
    HEADER_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    header: VideoFileHeader
    chunk: bytes
    def __init__(self, header: _Optional[_Union[VideoFileHeader, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class ScanVideoResponse(_message.Message):
    __slots__ = ("digest", "scan_time")
    DIGEST_FIELD_NUMBER: _ClassVar[int]
    SCAN_TIME_FIELD_NUMBER: _ClassVar[int]
    digest: _summary_pb2.ShotDigest
    scan_time: _duration_pb2.Duration
    def __init__(self, digest: _Optional[_Union[_summary_pb2.ShotDigest, _Mapping]] = ..., scan_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...
