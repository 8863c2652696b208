"""One retry budget per logical call, and truthful errors, counted at the fake Gemini."""

from __future__ import annotations

import pytest

from tests.fakes.gemini_server import FakeGemini, error_reply, json_reply
from tests.unit.gemini.probe import GOOD, PARTS, PROMPT, ProbeOut
from tubelens.errors import ModelOutputInvalid, ResourceExhausted, Unavailable
from tubelens.gemini.usage import usage_of_error

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-test"
MALFORMED = '{"answer": "yes", "sco'


async def ask(caller) -> tuple[ProbeOut, object]:
    return await caller.structured(MODEL, PROMPT, PARTS, ProbeOut)


@pytest.mark.parametrize("attempts", [1, 4])
async def test_all_503_makes_exactly_max_attempts_requests(
    fake_gemini: FakeGemini, make_caller, attempts: int
) -> None:
    fake_gemini.responder = lambda r: error_reply(503, "The model is overloaded.")
    with pytest.raises(Unavailable) as caught:
        await ask(make_caller(max_attempts=attempts))
    assert caught.value.reason == "GEMINI_UNAVAILABLE"
    assert len(fake_gemini.calls(MODEL)) == attempts
    assert usage_of_error(caught.value).calls == attempts  # failed tries are on the ledger


async def test_malformed_json_forever_stays_within_the_budget(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: json_reply(MALFORMED)
    with pytest.raises(ModelOutputInvalid) as caught:
        await ask(make_caller(max_attempts=4))
    assert len(fake_gemini.calls(MODEL)) <= 4
    assert caught.value.status_code == "UNAVAILABLE"
    spent = usage_of_error(caught.value)
    billed = fake_gemini.billed(MODEL)
    assert (spent.calls, spent.total_tokens) == (billed["requests"], billed["total"])


async def test_outages_and_re_asks_share_one_budget(fake_gemini: FakeGemini, make_caller) -> None:
    # Before: each re-ask had its own 4 tries, so this call made 5 requests and succeeded.
    fake_gemini.enqueue(
        MODEL, error_reply(503), error_reply(503), error_reply(503), json_reply(MALFORMED)
    )
    fake_gemini.responder = lambda r: json_reply(GOOD)
    with pytest.raises(ModelOutputInvalid):
        await ask(make_caller(max_attempts=4))
    assert len(fake_gemini.calls(MODEL)) == 4


async def test_half_503_still_succeeds_within_the_budget(
    fake_gemini: FakeGemini, make_caller
) -> None:
    answers = iter([error_reply(503), json_reply(GOOD)] * 20)
    fake_gemini.responder = lambda r: next(answers)
    caller = make_caller(max_attempts=4)
    for _ in range(10):
        out, usage = await ask(caller)
        assert out.score == 3 and usage.calls == 2
    assert len(fake_gemini.calls(MODEL)) == 20  # 10 calls, at most max_attempts each


async def test_429_after_retries_is_resource_exhausted_with_retry_info(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: error_reply(429, "Quota exceeded.", retry_after="1")
    with pytest.raises(ResourceExhausted) as caught:
        await ask(make_caller(max_attempts=2, retry_max_seconds=2.0))
    assert caught.value.reason == "GEMINI_RATE_LIMITED"
    assert caught.value.retry_after_seconds == 1.0
    assert len(fake_gemini.calls(MODEL)) == 2


async def test_429_without_retry_after_still_says_when_to_come_back(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: error_reply(429)
    with pytest.raises(ResourceExhausted) as caught:
        await ask(make_caller(max_attempts=1, retry_max_seconds=2.0))
    assert caught.value.retry_after_seconds == 2.0


async def test_an_unreachable_gemini_names_the_model_but_no_address(make_caller) -> None:
    with pytest.raises(Unavailable) as caught:
        await ask(make_caller(base_url="http://127.0.0.1:9", max_attempts=2))
    assert caught.value.reason == "GEMINI_UNAVAILABLE"
    assert MODEL in caught.value.message
    assert "127.0.0.1" not in caught.value.message and ":9" not in caught.value.message
    assert usage_of_error(caught.value).calls == 2
