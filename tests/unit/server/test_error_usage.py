"""A failed call's upstream spend travels with its error status, so ledgers count failed tasks."""

from __future__ import annotations

from collections import Counter

from tubelens.errors import Unavailable
from tubelens.gemini import Usage
from tubelens.server.status import error_reason, status_from_error, token_usage_of


def test_an_error_that_was_billed_carries_a_token_usage_detail() -> None:
    error = Unavailable("Gemini is unavailable.", reason="GEMINI_UNAVAILABLE")
    error.usage = Usage(
        input_tokens=300,
        output_tokens=0,
        total_tokens=300,
        calls=4,
        input_by_modality=Counter({"TEXT": 300}),
        cost_usd=0.00009,
    )

    status = status_from_error(error)

    assert error_reason(status) == "GEMINI_UNAVAILABLE"
    usage = token_usage_of(status)
    assert usage is not None
    assert (usage.model_calls, usage.input_tokens, usage.total_tokens) == (4, 300, 300)
    assert dict(usage.input_tokens_by_modality) == {"TEXT": 300}
    assert usage.estimated_cost_usd == 0.00009


def test_an_error_before_any_model_call_has_no_usage_detail() -> None:
    status = status_from_error(Unavailable("down", reason="GEMINI_UNAVAILABLE"))
    assert token_usage_of(status) is None
    assert error_reason(status) == "GEMINI_UNAVAILABLE"
