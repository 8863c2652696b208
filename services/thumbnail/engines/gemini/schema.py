"""What the thumbnail prompt asks the model for."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FaceOut(BaseModel):
    description: str
    expression: str


class ReadingOut(BaseModel):
    description: str = Field(min_length=1)
    text_on_image: list[str]
    faces: list[FaceOut]
    small_size_clarity: int = Field(ge=0, le=100)
    small_size_note: str
    title_match: int = Field(ge=0, le=100)
    title_match_note: str
    video_match: int = Field(ge=0, le=100)
    video_match_note: str
