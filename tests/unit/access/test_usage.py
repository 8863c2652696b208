"""What one call costs, as ledger counters, from the task results the gateway already has."""

from __future__ import annotations

from gateway.access.usage import analysis_usage, photo_card_usage
from tubelens.errors import Unavailable
from tubelens.server.status import status_from_error
from tubelens.v1 import common_pb2, gateway_pb2


def _usage(total: int, cost: float, calls: int = 1) -> common_pb2.TokenUsage:
    return common_pb2.TokenUsage(
        input_tokens=total - 10,
        output_tokens=10,
        total_tokens=total,
        model_calls=calls,
        estimated_cost_usd=cost,
    )


def test_tokens_cost_cache_hits_and_failed_tasks_are_counted() -> None:
    answered = gateway_pb2.TaskResult(
        task=gateway_pb2.TASK_SUMMARY,
        provenance=common_pb2.Provenance(model="gemini-x", token_usage=_usage(100, 0.01)),
    )
    cached = gateway_pb2.TaskResult(
        task=gateway_pb2.TASK_THUMBNAIL,
        provenance=common_pb2.Provenance(model="local-1", cached=True),
    )
    error = Unavailable("the model's answers did not parse")
    error.usage = type("Spent", (), {"to_proto": lambda self: _usage(40, 0.002, calls=2)})()
    failed = gateway_pb2.TaskResult(task=gateway_pb2.TASK_COMMENTS, status=status_from_error(error))

    counters = analysis_usage([answered, cached, failed], youtube_units=3)

    assert counters["analyses"] == 1 and counters["tasks"] == 3
    assert counters["failed_tasks"] == 1 and counters["cache_hits"] == 1
    assert counters["youtube_units"] == 3
    assert counters["model/gemini-x/total_tokens"] == 100
    assert counters["model/unknown/total_tokens"] == 40  # the failed task named no model
    assert counters["model/unknown/model_calls"] == 2
    assert counters["gemini_tokens"] == 140
    assert abs(counters["gemini_cost_usd"] - 0.012) < 1e-12
    assert not any(name.startswith("model/local-1/") for name in counters)  # no model called


def test_a_photo_card_counts_once_and_a_refused_one_only_its_tokens() -> None:
    made = photo_card_usage("gemini-image", _usage(1500, 0.04))
    assert made["photo_cards"] == 1 and made["model/gemini-image/total_tokens"] == 1500
    refused = photo_card_usage("", _usage(20, 0.001))
    assert refused["photo_cards"] == 0 and refused["gemini_tokens"] == 20
