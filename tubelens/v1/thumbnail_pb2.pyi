from tubelens.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FindingSeverity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FINDING_SEVERITY_UNSPECIFIED: _ClassVar[FindingSeverity]
    FINDING_SEVERITY_INFO: _ClassVar[FindingSeverity]
    FINDING_SEVERITY_WARNING: _ClassVar[FindingSeverity]
    FINDING_SEVERITY_CRITICAL: _ClassVar[FindingSeverity]
FINDING_SEVERITY_UNSPECIFIED: FindingSeverity
FINDING_SEVERITY_INFO: FindingSeverity
FINDING_SEVERITY_WARNING: FindingSeverity
FINDING_SEVERITY_CRITICAL: FindingSeverity

class AnalyzeThumbnailRequest(_message.Message):
    __slots__ = ("image", "title", "video", "language")
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    image: bytes
    title: str
    video: _common_pb2.VideoMetadata
    language: str
    def __init__(self, image: _Optional[bytes] = ..., title: _Optional[str] = ..., video: _Optional[_Union[_common_pb2.VideoMetadata, _Mapping]] = ..., language: _Optional[str] = ...) -> None: ...

class AnalyzeThumbnailResponse(_message.Message):
    __slots__ = ("result", "provenance")
    RESULT_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    result: ThumbnailResult
    provenance: _common_pb2.Provenance
    def __init__(self, result: _Optional[_Union[ThumbnailResult, _Mapping]] = ..., provenance: _Optional[_Union[_common_pb2.Provenance, _Mapping]] = ...) -> None: ...

class Finding(_message.Message):
    __slots__ = ("code", "severity", "message", "suggestion")
    CODE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    SUGGESTION_FIELD_NUMBER: _ClassVar[int]
    code: str
    severity: FindingSeverity
    message: str
    suggestion: str
    def __init__(self, code: _Optional[str] = ..., severity: _Optional[_Union[FindingSeverity, str]] = ..., message: _Optional[str] = ..., suggestion: _Optional[str] = ...) -> None: ...

class ScoreCriterion(_message.Message):
    __slots__ = ("name", "weight", "score")
    NAME_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    name: str
    weight: float
    score: float
    def __init__(self, name: _Optional[str] = ..., weight: _Optional[float] = ..., score: _Optional[float] = ...) -> None: ...

class DetectedFace(_message.Message):
    __slots__ = ("box", "area_share")
    BOX_FIELD_NUMBER: _ClassVar[int]
    AREA_SHARE_FIELD_NUMBER: _ClassVar[int]
    box: _common_pb2.BoundingBox
    area_share: float
    def __init__(self, box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., area_share: _Optional[float] = ...) -> None: ...

class PaletteColor(_message.Message):
    __slots__ = ("hex", "share")
    HEX_FIELD_NUMBER: _ClassVar[int]
    SHARE_FIELD_NUMBER: _ClassVar[int]
    hex: str
    share: float
    def __init__(self, hex: _Optional[str] = ..., share: _Optional[float] = ...) -> None: ...

class ThumbnailResult(_message.Message):
    __slots__ = ("width", "height", "aspect_ratio", "meets_recommended_size", "brightness", "contrast", "colorfulness", "palette", "faces", "score", "criteria", "findings")
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    ASPECT_RATIO_FIELD_NUMBER: _ClassVar[int]
    MEETS_RECOMMENDED_SIZE_FIELD_NUMBER: _ClassVar[int]
    BRIGHTNESS_FIELD_NUMBER: _ClassVar[int]
    CONTRAST_FIELD_NUMBER: _ClassVar[int]
    COLORFULNESS_FIELD_NUMBER: _ClassVar[int]
    PALETTE_FIELD_NUMBER: _ClassVar[int]
    FACES_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    CRITERIA_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    width: int
    height: int
    aspect_ratio: float
    meets_recommended_size: bool
    brightness: float
    contrast: float
    colorfulness: float
    palette: _containers.RepeatedCompositeFieldContainer[PaletteColor]
    faces: _containers.RepeatedCompositeFieldContainer[DetectedFace]
    score: int
    criteria: _containers.RepeatedCompositeFieldContainer[ScoreCriterion]
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    def __init__(self, width: _Optional[int] = ..., height: _Optional[int] = ..., aspect_ratio: _Optional[float] = ..., meets_recommended_size: _Optional[bool] = ..., brightness: _Optional[float] = ..., contrast: _Optional[float] = ..., colorfulness: _Optional[float] = ..., palette: _Optional[_Iterable[_Union[PaletteColor, _Mapping]]] = ..., faces: _Optional[_Iterable[_Union[DetectedFace, _Mapping]]] = ..., score: _Optional[int] = ..., criteria: _Optional[_Iterable[_Union[ScoreCriterion, _Mapping]]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ...) -> None: ...
