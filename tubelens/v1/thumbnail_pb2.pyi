import datetime

from google.protobuf import duration_pb2 as _duration_pb2
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
    __slots__ = ("image", "title", "video", "language", "candidate_frames")
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CANDIDATE_FRAMES_FIELD_NUMBER: _ClassVar[int]
    image: bytes
    title: str
    video: _common_pb2.VideoMetadata
    language: str
    candidate_frames: _containers.RepeatedCompositeFieldContainer[CandidateFrame]
    def __init__(self, image: _Optional[bytes] = ..., title: _Optional[str] = ..., video: _Optional[_Union[_common_pb2.VideoMetadata, _Mapping]] = ..., language: _Optional[str] = ..., candidate_frames: _Optional[_Iterable[_Union[CandidateFrame, _Mapping]]] = ...) -> None: ...

class CandidateFrame(_message.Message):
    __slots__ = ("time", "image")
    TIME_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    time: _duration_pb2.Duration
    image: bytes
    def __init__(self, time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., image: _Optional[bytes] = ...) -> None: ...

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
    __slots__ = ("box", "area_share", "smiling")
    BOX_FIELD_NUMBER: _ClassVar[int]
    AREA_SHARE_FIELD_NUMBER: _ClassVar[int]
    SMILING_FIELD_NUMBER: _ClassVar[int]
    box: _common_pb2.BoundingBox
    area_share: float
    smiling: bool
    def __init__(self, box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., area_share: _Optional[float] = ..., smiling: _Optional[bool] = ...) -> None: ...

class ThumbnailText(_message.Message):
    __slots__ = ("text", "box", "confidence", "contrast_ratio", "height_at_small", "legible_small", "legible_medium")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    BOX_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    CONTRAST_RATIO_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_AT_SMALL_FIELD_NUMBER: _ClassVar[int]
    LEGIBLE_SMALL_FIELD_NUMBER: _ClassVar[int]
    LEGIBLE_MEDIUM_FIELD_NUMBER: _ClassVar[int]
    text: str
    box: _common_pb2.BoundingBox
    confidence: float
    contrast_ratio: float
    height_at_small: float
    legible_small: bool
    legible_medium: bool
    def __init__(self, text: _Optional[str] = ..., box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., confidence: _Optional[float] = ..., contrast_ratio: _Optional[float] = ..., height_at_small: _Optional[float] = ..., legible_small: _Optional[bool] = ..., legible_medium: _Optional[bool] = ...) -> None: ...

class ThumbnailComposition(_message.Message):
    __slots__ = ("centre_x", "centre_y", "salient_box", "thirds_distance", "edge_density", "badge_salience", "badge_covers")
    CENTRE_X_FIELD_NUMBER: _ClassVar[int]
    CENTRE_Y_FIELD_NUMBER: _ClassVar[int]
    SALIENT_BOX_FIELD_NUMBER: _ClassVar[int]
    THIRDS_DISTANCE_FIELD_NUMBER: _ClassVar[int]
    EDGE_DENSITY_FIELD_NUMBER: _ClassVar[int]
    BADGE_SALIENCE_FIELD_NUMBER: _ClassVar[int]
    BADGE_COVERS_FIELD_NUMBER: _ClassVar[int]
    centre_x: float
    centre_y: float
    salient_box: _common_pb2.BoundingBox
    thirds_distance: float
    edge_density: float
    badge_salience: float
    badge_covers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, centre_x: _Optional[float] = ..., centre_y: _Optional[float] = ..., salient_box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., thirds_distance: _Optional[float] = ..., edge_density: _Optional[float] = ..., badge_salience: _Optional[float] = ..., badge_covers: _Optional[_Iterable[str]] = ...) -> None: ...

class ThumbnailTitleMatch(_message.Message):
    __slots__ = ("verdict", "shared_words", "overlap")
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    SHARED_WORDS_FIELD_NUMBER: _ClassVar[int]
    OVERLAP_FIELD_NUMBER: _ClassVar[int]
    verdict: str
    shared_words: _containers.RepeatedScalarFieldContainer[str]
    overlap: float
    def __init__(self, verdict: _Optional[str] = ..., shared_words: _Optional[_Iterable[str]] = ..., overlap: _Optional[float] = ...) -> None: ...

class FrameSuggestion(_message.Message):
    __slots__ = ("time", "score", "sharpness", "colorfulness", "faces", "reason")
    TIME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SHARPNESS_FIELD_NUMBER: _ClassVar[int]
    COLORFULNESS_FIELD_NUMBER: _ClassVar[int]
    FACES_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    time: _duration_pb2.Duration
    score: float
    sharpness: float
    colorfulness: float
    faces: int
    reason: str
    def __init__(self, time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., score: _Optional[float] = ..., sharpness: _Optional[float] = ..., colorfulness: _Optional[float] = ..., faces: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class PaletteColor(_message.Message):
    __slots__ = ("hex", "share")
    HEX_FIELD_NUMBER: _ClassVar[int]
    SHARE_FIELD_NUMBER: _ClassVar[int]
    hex: str
    share: float
    def __init__(self, hex: _Optional[str] = ..., share: _Optional[float] = ...) -> None: ...

class ThumbnailResult(_message.Message):
    __slots__ = ("width", "height", "aspect_ratio", "meets_recommended_size", "brightness", "contrast", "colorfulness", "palette", "faces", "score", "criteria", "findings", "texts", "text_area_share", "composition", "title_match", "frame_suggestions", "image_jpeg", "model_reading")
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
    TEXTS_FIELD_NUMBER: _ClassVar[int]
    TEXT_AREA_SHARE_FIELD_NUMBER: _ClassVar[int]
    COMPOSITION_FIELD_NUMBER: _ClassVar[int]
    TITLE_MATCH_FIELD_NUMBER: _ClassVar[int]
    FRAME_SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    IMAGE_JPEG_FIELD_NUMBER: _ClassVar[int]
    MODEL_READING_FIELD_NUMBER: _ClassVar[int]
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
    texts: _containers.RepeatedCompositeFieldContainer[ThumbnailText]
    text_area_share: float
    composition: ThumbnailComposition
    title_match: ThumbnailTitleMatch
    frame_suggestions: _containers.RepeatedCompositeFieldContainer[FrameSuggestion]
    image_jpeg: bytes
    model_reading: ThumbnailModelReading
    def __init__(self, width: _Optional[int] = ..., height: _Optional[int] = ..., aspect_ratio: _Optional[float] = ..., meets_recommended_size: _Optional[bool] = ..., brightness: _Optional[float] = ..., contrast: _Optional[float] = ..., colorfulness: _Optional[float] = ..., palette: _Optional[_Iterable[_Union[PaletteColor, _Mapping]]] = ..., faces: _Optional[_Iterable[_Union[DetectedFace, _Mapping]]] = ..., score: _Optional[int] = ..., criteria: _Optional[_Iterable[_Union[ScoreCriterion, _Mapping]]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., texts: _Optional[_Iterable[_Union[ThumbnailText, _Mapping]]] = ..., text_area_share: _Optional[float] = ..., composition: _Optional[_Union[ThumbnailComposition, _Mapping]] = ..., title_match: _Optional[_Union[ThumbnailTitleMatch, _Mapping]] = ..., frame_suggestions: _Optional[_Iterable[_Union[FrameSuggestion, _Mapping]]] = ..., image_jpeg: _Optional[bytes] = ..., model_reading: _Optional[_Union[ThumbnailModelReading, _Mapping]] = ...) -> None: ...

class ThumbnailModelReadingFace(_message.Message):
    __slots__ = ("description", "expression")
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EXPRESSION_FIELD_NUMBER: _ClassVar[int]
    description: str
    expression: str
    def __init__(self, description: _Optional[str] = ..., expression: _Optional[str] = ...) -> None: ...

class ThumbnailModelReading(_message.Message):
    __slots__ = ("description", "text_on_image", "faces", "small_size_clarity", "small_size_note", "title_match", "title_match_note", "video_checked", "video_match", "video_match_note")
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    TEXT_ON_IMAGE_FIELD_NUMBER: _ClassVar[int]
    FACES_FIELD_NUMBER: _ClassVar[int]
    SMALL_SIZE_CLARITY_FIELD_NUMBER: _ClassVar[int]
    SMALL_SIZE_NOTE_FIELD_NUMBER: _ClassVar[int]
    TITLE_MATCH_FIELD_NUMBER: _ClassVar[int]
    TITLE_MATCH_NOTE_FIELD_NUMBER: _ClassVar[int]
    VIDEO_CHECKED_FIELD_NUMBER: _ClassVar[int]
    VIDEO_MATCH_FIELD_NUMBER: _ClassVar[int]
    VIDEO_MATCH_NOTE_FIELD_NUMBER: _ClassVar[int]
    description: str
    text_on_image: _containers.RepeatedScalarFieldContainer[str]
    faces: _containers.RepeatedCompositeFieldContainer[ThumbnailModelReadingFace]
    small_size_clarity: int
    small_size_note: str
    title_match: int
    title_match_note: str
    video_checked: bool
    video_match: int
    video_match_note: str
    def __init__(self, description: _Optional[str] = ..., text_on_image: _Optional[_Iterable[str]] = ..., faces: _Optional[_Iterable[_Union[ThumbnailModelReadingFace, _Mapping]]] = ..., small_size_clarity: _Optional[int] = ..., small_size_note: _Optional[str] = ..., title_match: _Optional[int] = ..., title_match_note: _Optional[str] = ..., video_checked: _Optional[bool] = ..., video_match: _Optional[int] = ..., video_match_note: _Optional[str] = ...) -> None: ...
