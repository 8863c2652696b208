"""What one call cost, as the ledger's counters (gateway.access.ledger).

Tokens and cost come from each task's Provenance.token_usage, or, for a failed task, from the
TokenUsage detail of its status, so a task that failed after the model answered is still paid
for. Coalesced calls report their tokens once (TokenUsage.shared_calls), so the sums equal what
the model was really asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tubelens.server.status import token_usage_of
from tubelens.v1 import common_pb2, gateway_pb2

# The counters quotas read: totals over every model.
TOKENS = "gemini_tokens"
COST = "gemini_cost_usd"
YOUTUBE_UNITS = "youtube_units"


def analysis_usage(results: Iterable[gateway_pb2.TaskResult], youtube_units: int) -> Counter[str]:
    counters: Counter[str] = Counter(analyses=1, youtube_units=youtube_units)
    for result in results:
        counters["tasks"] += 1
        if result.status.code != 0:
            counters["failed_tasks"] += 1
        if result.provenance.cached:
            counters["cache_hits"] += 1
        usage = (
            result.provenance.token_usage
            if result.HasField("provenance") and result.provenance.HasField("token_usage")
            else token_usage_of(result.status)
        )
        _add_model(counters, result.provenance.model or "unknown", usage)
    return counters


def photo_card_usage(model: str, usage: common_pb2.TokenUsage | None) -> Counter[str]:
    """A photo card made (`model` set) or refused after spending tokens (empty model)."""
    counters: Counter[str] = Counter(photo_cards=1 if model else 0)
    _add_model(counters, model or "unknown", usage)
    return counters


def _add_model(counters: Counter[str], model: str, usage: common_pb2.TokenUsage | None) -> None:
    if usage is None or not (usage.total_tokens or usage.model_calls):
        return
    prefix = f"model/{model}/"
    counters[prefix + "input_tokens"] += usage.input_tokens
    counters[prefix + "output_tokens"] += usage.output_tokens
    counters[prefix + "total_tokens"] += usage.total_tokens
    counters[prefix + "model_calls"] += usage.model_calls
    counters[prefix + "cost_usd"] += usage.estimated_cost_usd
    counters[TOKENS] += usage.total_tokens
    counters[COST] += usage.estimated_cost_usd
