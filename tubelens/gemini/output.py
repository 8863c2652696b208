"""Reading a generateContent response: blocked answers, structured JSON, images."""

from __future__ import annotations

from typing import TypeVar

from google.genai import types
from pydantic import BaseModel, ValidationError

from tubelens.errors import FailedPrecondition

M = TypeVar("M", bound=BaseModel)
F = types.FinishReason
BLOCKED = frozenset(
    {
        F.SAFETY,
        F.RECITATION,
        F.BLOCKLIST,
        F.PROHIBITED_CONTENT,
        F.SPII,
        F.IMAGE_SAFETY,
        F.IMAGE_PROHIBITED_CONTENT,
        F.IMAGE_RECITATION,
    }
)


class OutputProblem(Exception):
    """The answer is empty, truncated or not what was asked for; worth one more try."""


def refuse_if_blocked(response: types.GenerateContentResponse, model: str) -> None:
    """FailedPrecondition when the prompt or the answer was blocked; says why."""
    feedback = response.prompt_feedback
    if feedback is not None and feedback.block_reason is not None:
        why = feedback.block_reason.value
        raise FailedPrecondition(
            f"Gemini ({model}) blocked the request ({why}); the input was not analysed.",
            reason="MODEL_BLOCKED",
            metadata={"block_reason": why, "model": model},
        )
    candidate = (response.candidates or [None])[0]
    if candidate is not None and candidate.finish_reason in BLOCKED:
        why = candidate.finish_reason.value
        raise FailedPrecondition(
            f"Gemini ({model}) stopped its answer for {why}; nothing usable was returned.",
            reason="MODEL_BLOCKED",
            metadata={"finish_reason": why, "model": model},
        )


def first_candidate(response: types.GenerateContentResponse) -> types.Candidate:
    if not response.candidates:
        raise OutputProblem("the answer had no candidates")
    candidate = response.candidates[0]
    if candidate.finish_reason == F.MAX_TOKENS:
        raise OutputProblem("the answer was cut off at the output token limit")
    return candidate


def parse_structured(response: types.GenerateContentResponse, schema: type[M]) -> M:
    candidate = first_candidate(response)
    parts = candidate.content.parts if candidate.content and candidate.content.parts else []
    text = "".join(part.text for part in parts if part.text and not part.thought)
    if not text.strip():
        raise OutputProblem("the answer was empty")
    try:
        return schema.model_validate_json(text)
    except ValidationError as exc:
        problem = f"the answer did not match the schema: {exc.error_count()} error(s)"
        raise OutputProblem(problem) from exc


def image_of(response: types.GenerateContentResponse, model: str) -> tuple[bytes, str]:
    """The first image part's bytes and MIME type; FailedPrecondition when there is none."""
    candidate = (response.candidates or [None])[0]
    parts = candidate.content.parts if candidate and candidate.content else None
    for part in parts or ():
        if part.inline_data and part.inline_data.data:
            return part.inline_data.data, part.inline_data.mime_type or "image/png"
    why = candidate.finish_reason.value if candidate and candidate.finish_reason else "no candidate"
    said = " ".join(part.text for part in parts or () if part.text)[:200]
    raise FailedPrecondition(
        f"Gemini ({model}) returned no image ({why})" + (f"; it said: {said}" if said else "."),
        reason="MODEL_NO_IMAGE",
        metadata={"finish_reason": why, "model": model},
    )
