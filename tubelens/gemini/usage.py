"""Token usage and estimated cost of model calls, added up over the calls of one task.

`calls` counts HTTP requests sent upstream (failed tries included), tokens come from every
response that carried usage metadata (blocked and malformed answers are billed too), and a call
that shared an identical call's answer counts in `shared_calls` only, so a ledger summing every
task's usage matches what the upstream served.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from google.genai import types

from tubelens.convert import token_usage_to_proto
from tubelens.domain import Provenance
from tubelens.gemini.settings import ModelPrice
from tubelens.v1 import common_pb2

PER_MILLION = 1_000_000


@dataclass(frozen=True, slots=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    thinking_tokens: int = 0
    calls: int = 0
    input_by_modality: Counter[str] = field(default_factory=Counter)
    output_by_modality: Counter[str] = field(default_factory=Counter)
    cost_usd: float = 0.0
    shared_calls: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.total_tokens + other.total_tokens,
            self.thinking_tokens + other.thinking_tokens,
            self.calls + other.calls,
            self.input_by_modality + other.input_by_modality,
            self.output_by_modality + other.output_by_modality,
            self.cost_usd + other.cost_usd,
            self.shared_calls + other.shared_calls,
        )

    def to_proto(self) -> common_pb2.TokenUsage:
        return token_usage_to_proto(
            input_tokens=self.input_tokens,
            output_tokens=self.output_tokens,
            total_tokens=self.total_tokens,
            thinking_tokens=self.thinking_tokens,
            model_calls=self.calls,
            input_by_modality=self.input_by_modality,
            output_by_modality=self.output_by_modality,
            estimated_cost_usd=round(self.cost_usd, 8),
            shared_calls=self.shared_calls,
        )

    def stamp(self, provenance: Provenance) -> Provenance:
        """`provenance` with these figures; untouched when no call was made or shared."""
        if not self.calls and not self.shared_calls:
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
            estimated_cost_usd=round(self.cost_usd, 8),
            shared_calls=self.shared_calls,
            # Every answer came from another caller's request: nothing was computed for us.
            cached=provenance.cached or (self.shared_calls > 0 and not self.calls),
        )


SHARED = Usage(shared_calls=1)  # one logical call answered by an identical call in flight


def usage_of(
    metadata: types.GenerateContentResponseUsageMetadata | None,
    price: ModelPrice | None = None,
    *,
    calls: int = 1,
) -> Usage:
    """One response's usage (counted as `calls` requests), costed with `price` when given."""
    if metadata is None:
        return Usage(calls=calls)
    output_by_modality = _by_modality(metadata.candidates_tokens_details)
    usage = Usage(
        input_tokens=metadata.prompt_token_count or 0,
        output_tokens=metadata.candidates_token_count or 0,
        total_tokens=metadata.total_token_count or 0,
        thinking_tokens=metadata.thoughts_token_count or 0,
        calls=calls,
        input_by_modality=_by_modality(metadata.prompt_tokens_details),
        output_by_modality=output_by_modality,
    )
    return replace(usage, cost_usd=cost_of(usage, price)) if price else usage


def cost_of(usage: Usage, price: ModelPrice) -> float:
    """USD for `usage` at `price`: image output at the image rate, thinking as output."""
    image = usage.output_by_modality.get("IMAGE", 0) if price.image_output is not None else 0
    other_output = usage.output_tokens - image + usage.thinking_tokens
    dollars = usage.input_tokens * price.input + other_output * price.output
    dollars += image * (price.image_output or 0.0)
    return dollars / PER_MILLION


def usage_of_error(exc: BaseException) -> Usage | None:
    """The usage a failed call spent before it failed (None when no model was called)."""
    usage = getattr(exc, "usage", None)
    return usage if isinstance(usage, Usage) else None


def _by_modality(details: list[types.ModalityTokenCount] | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for detail in details or ():
        if detail.modality is not None and detail.token_count:
            counts[str(detail.modality.value)] += detail.token_count
    return counts
