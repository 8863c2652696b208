"""Gemini requests, retries, tokens and cost as Prometheus counters (fake Gemini API, real
google-genai client), read back from prometheus_client's registry."""

from __future__ import annotations

from prometheus_client import REGISTRY

from tests.fakes.gemini_server import FakeGemini, error_reply, json_reply
from tests.unit.gemini.probe import GOOD, PARTS, PROMPT, ProbeOut
from tubelens.observability import metrics

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-metrics-test"


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, {"service": "summary", **labels}) or 0.0


async def test_a_retried_call_counts_both_requests_one_retry_and_the_tokens(
    fake_gemini: FakeGemini, make_caller
) -> None:
    metrics.name_server("summary")
    fake_gemini.enqueue(MODEL, error_reply(503), json_reply(GOOD))
    _, usage = await make_caller(retry_initial_seconds=0.01).structured(
        MODEL, PROMPT, PARTS, ProbeOut
    )

    requests = "tubelens_upstream_requests_total"
    gemini = {"upstream": "gemini", "endpoint": MODEL}
    assert _sample(requests, **gemini, outcome="503") == 1
    assert _sample(requests, **gemini, outcome="200") == 1
    assert _sample("tubelens_upstream_retries_total", **gemini) == 1
    tokens = "tubelens_gemini_tokens_total"
    assert _sample(tokens, model=MODEL, kind="input") == usage.input_tokens > 0
    assert _sample(tokens, model=MODEL, kind="output") == usage.output_tokens > 0
    cost = _sample("tubelens_gemini_cost_usd_total", model=MODEL)
    assert cost == usage.cost_usd  # 0 unless this model has a configured price
