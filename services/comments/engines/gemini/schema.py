"""What the comments prompt asks the model for, per batch of comments."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class CommentJudgement(BaseModel):
    id: str
    sentiment: Literal["positive", "neutral", "negative"]
    is_question: bool


class ThemeOut(BaseModel):
    label: str = Field(min_length=1)
    keywords: list[str]
    comment_ids: list[str]


class CommentsBatchOut(BaseModel):
    judgements: list[CommentJudgement]
    themes: list[ThemeOut]
