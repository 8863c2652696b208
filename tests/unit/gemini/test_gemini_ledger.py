"""The usage ledger: every request counted, billed tokens counted once, estimated cost."""

from __future__ import annotations

import asyncio

import pytest

from tests.fakes.gemini_server import (
    FakeGemini,
    Reply,
    error_reply,
    finish_reply,
    image_reply,
    json_reply,
    usage,
)
from tests.unit.gemini.probe import GOOD, PARTS, PROMPT, ProbeOut
from tubelens.convert import provenance_to_proto
from tubelens.domain import Provenance
from tubelens.errors import FailedPrecondition, Unavailable
from tubelens.gemini.usage import usage_of_error

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-2.5-flash-lite"


def slow(reply: Reply, seconds: float = 0.3) -> Reply:
    reply.delay = seconds
    return reply


async def test_concurrent_identical_calls_sum_to_what_the_fake_served(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.enqueue(MODEL, slow(error_reply(503)), slow(json_reply("not json")))
    fake_gemini.responder = lambda r: slow(json_reply(GOOD, tokens=usage(1000, 200)))
    caller = make_caller()
    results = await asyncio.gather(
        *(caller.structured(MODEL, PROMPT, PARTS, ProbeOut) for _ in range(5))
    )
    billed = fake_gemini.billed(MODEL)
    usages = [spent for _, spent in results]
    assert sum(u.calls for u in usages) == billed["requests"] == 3
    assert sum(u.total_tokens for u in usages) == billed["total"] == 120 + 1200
    assert sum(u.input_tokens for u in usages) == billed["prompt"]
    # Each of the 4 sharers shared both asks (the malformed answer and its re-ask).
    assert sorted(u.shared_calls for u in usages) == [0, 2, 2, 2, 2]
    shared = next(u for u in usages if u.shared_calls)
    stamped = shared.stamp(Provenance("gemini", MODEL, PROMPT.version))
    message = provenance_to_proto(stamped)
    assert message.cached and message.token_usage.shared_calls == 2
    assert message.token_usage.total_tokens == 0 and message.token_usage.model_calls == 0


async def test_concurrent_identical_failures_bill_once(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: slow(error_reply(503), 0.1)
    caller = make_caller(max_attempts=3)
    outcomes = await asyncio.gather(
        *(caller.structured(MODEL, PROMPT, PARTS, ProbeOut) for _ in range(4)),
        return_exceptions=True,
    )
    assert all(isinstance(o, Unavailable) for o in outcomes)
    calls = [usage_of_error(o).calls for o in outcomes]
    assert sorted(calls) == [0, 0, 0, 3] and len(fake_gemini.calls(MODEL)) == 3


async def test_a_blocked_answer_after_a_malformed_one_reports_both(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.enqueue(MODEL, json_reply("not json"), finish_reply("SAFETY", "x" * 40))
    with pytest.raises(FailedPrecondition) as caught:
        await make_caller().structured(MODEL, PROMPT, PARTS, ProbeOut)
    assert caught.value.reason == "MODEL_BLOCKED"
    spent = usage_of_error(caught.value)
    billed = fake_gemini.billed(MODEL)
    assert spent.calls == billed["requests"] == 2
    assert spent.total_tokens == billed["total"] == 120 + 110
    assert spent.cost_usd > 0


async def test_estimated_cost_uses_the_price_table(fake_gemini: FakeGemini, make_caller) -> None:
    tokens = usage(1_000_000, 100_000) | {"thoughtsTokenCount": 50_000}
    fake_gemini.enqueue(MODEL, json_reply(GOOD, tokens=tokens))
    _, spent = await make_caller().structured(MODEL, PROMPT, PARTS, ProbeOut)
    # flash-lite: $0.10 per 1M in, $0.40 per 1M out, thinking billed as output.
    assert spent.cost_usd == pytest.approx(0.10 + 0.40 * 0.15)
    message = provenance_to_proto(spent.stamp(Provenance("gemini", MODEL, PROMPT.version)))
    assert message.token_usage.estimated_cost_usd == pytest.approx(0.16)


async def test_image_output_is_priced_at_the_image_rate(
    fake_gemini: FakeGemini, make_caller
) -> None:
    model = "gemini-2.5-flash-image"
    fake_gemini.enqueue(model, image_reply(b"\x89PNG fake"))
    _, spent = await make_caller().image(model, PROMPT, PARTS)
    assert spent.cost_usd == pytest.approx((100 * 0.30 + 1290 * 30.00) / 1e6)


async def test_prices_are_a_setting(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.enqueue(MODEL, json_reply(GOOD, tokens=usage(1_000_000, 0)))
    caller = make_caller(prices={MODEL: {"input": 2.0, "output": 4.0}})
    _, spent = await caller.structured(MODEL, PROMPT, PARTS, ProbeOut)
    assert spent.cost_usd == pytest.approx(2.0)
