"""What the summary prompts ask the model for: pydantic mirrors of the proto results."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SourceName = Literal["video", "transcript", "description"]


class KeyPointOut(BaseModel):
    text: str = Field(min_length=1)
    start_seconds: float
    source: SourceName


class ChapterOut(BaseModel):
    title: str = Field(min_length=1)
    start_seconds: float


class SummaryOut(BaseModel):
    tldr: str = Field(min_length=1)
    key_points: list[KeyPointOut]
    chapters: list[ChapterOut]
    language: str


class CommentSectionOut(BaseModel):
    text: str = Field(min_length=1)
    topics: list[str]
    praise_ids: list[str]
    criticism_ids: list[str]
    question_ids: list[str]
