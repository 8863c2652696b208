from tubelens.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CardLayout(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CARD_LAYOUT_UNSPECIFIED: _ClassVar[CardLayout]
    CARD_LAYOUT_PORTRAIT: _ClassVar[CardLayout]
    CARD_LAYOUT_SQUARE: _ClassVar[CardLayout]
CARD_LAYOUT_UNSPECIFIED: CardLayout
CARD_LAYOUT_PORTRAIT: CardLayout
CARD_LAYOUT_SQUARE: CardLayout

class CreatePhotoCardRequest(_message.Message):
    __slots__ = ("photo", "prompt", "language", "layout")
    PHOTO_FIELD_NUMBER: _ClassVar[int]
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LAYOUT_FIELD_NUMBER: _ClassVar[int]
    photo: bytes
    prompt: str
    language: str
    layout: CardLayout
    def __init__(self, photo: _Optional[bytes] = ..., prompt: _Optional[str] = ..., language: _Optional[str] = ..., layout: _Optional[_Union[CardLayout, str]] = ...) -> None: ...

class CreatePhotoCardResponse(_message.Message):
    __slots__ = ("card_png", "character_png", "caption", "face", "faces_detected", "width", "height", "provenance")
    CARD_PNG_FIELD_NUMBER: _ClassVar[int]
    CHARACTER_PNG_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    FACE_FIELD_NUMBER: _ClassVar[int]
    FACES_DETECTED_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    card_png: bytes
    character_png: bytes
    caption: str
    face: _common_pb2.BoundingBox
    faces_detected: int
    width: int
    height: int
    provenance: _common_pb2.Provenance
    def __init__(self, card_png: _Optional[bytes] = ..., character_png: _Optional[bytes] = ..., caption: _Optional[str] = ..., face: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., faces_detected: _Optional[int] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., provenance: _Optional[_Union[_common_pb2.Provenance, _Mapping]] = ...) -> None: ...
