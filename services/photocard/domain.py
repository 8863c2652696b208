"""What the photo card task takes and gives, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tubelens.domain import Box
from tubelens.errors import InvalidInput

MAX_PROMPT_CHARS = 500


class Layout(StrEnum):
    PORTRAIT = "portrait"  # 1080x1350
    SQUARE = "square"  # 1080x1080

    @property
    def size(self) -> tuple[int, int]:
        return (1080, 1350) if self is Layout.PORTRAIT else (1080, 1080)


@dataclass(frozen=True, slots=True)
class PhotoCardRequest:
    photo: bytes
    prompt: str = ""
    language: str = ""  # caption language; empty means English
    layout: Layout = Layout.PORTRAIT

    def __post_init__(self) -> None:
        # Checked here, once, so every engine and every entry point refuses the same prompts.
        if len(self.prompt) > MAX_PROMPT_CHARS:
            raise InvalidInput(
                f"The prompt has {len(self.prompt)} characters; at most {MAX_PROMPT_CHARS} fit "
                "on a card.",
                reason="PROMPT_TOO_LONG",
            )


@dataclass(frozen=True, slots=True)
class PhotoCard:
    card_png: bytes
    character_png: bytes  # RGBA
    caption: str
    face: Box  # in the original photo
    faces_detected: int
    width: int
    height: int
    notes: tuple[str, ...] = field(default=())
