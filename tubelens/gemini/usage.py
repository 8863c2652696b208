"""Token usage from a response's usage_metadata, added up over the calls of one task."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from google.genai import types

from tubelens.domain import Provenance


@dataclass(frozen=True, slots=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    thinking_tokens: int = 0
    calls: int = 0
    input_by_modality: Counter[str] = field(default_factory=Counter)
    output_by_modality: Counter[str] = field(default_factory=Counter)

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.total_tokens + other.total_tokens,
            self.thinking_tokens + other.thinking_tokens,
            self.calls + other.calls,
            self.input_by_modality + other.input_by_modality,
            self.output_by_modality + other.output_by_modality,
        )

    def stamp(self, provenance: Provenance) -> Provenance:
        """`provenance` with these figures; untouched when no call reported usage."""
        if not self.calls:
            return provenance
        return replace(
            provenance,
            input_tokens=self.input_tokens,
            output_tokens=self.output_tokens,
            total_tokens=self.total_tokens,
            thinking_tokens=self.thinking_tokens,
            model_calls=self.calls,
            input_tokens_by_modality=tuple(sorted(self.input_by_modality.items())),
            output_tokens_by_modality=tuple(sorted(self.output_by_modality.items())),
        )


def usage_of(metadata: types.GenerateContentResponseUsageMetadata | None) -> Usage:
    """One call's usage; a response without metadata still counts as a call."""
    if metadata is None:
        return Usage(calls=1)
    return Usage(
        input_tokens=metadata.prompt_token_count or 0,
        output_tokens=metadata.candidates_token_count or 0,
        total_tokens=metadata.total_token_count or 0,
        thinking_tokens=metadata.thoughts_token_count or 0,
        calls=1,
        input_by_modality=_by_modality(metadata.prompt_tokens_details),
        output_by_modality=_by_modality(metadata.candidates_tokens_details),
    )


def _by_modality(details: list[types.ModalityTokenCount] | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for detail in details or ():
        if detail.modality is not None and detail.token_count:
            counts[str(detail.modality.value)] += detail.token_count
    return counts
