"""GeminiCaller against the fake Gemini API: retries, errors, blocked and invalid answers."""

from __future__ import annotations

import time

import pytest

from tests.fakes.gemini_server import (
    FakeGemini,
    error_reply,
    finish_reply,
    json_reply,
    no_candidates_reply,
    prompt_blocked_reply,
)
from tests.unit.gemini.probe import GOOD, PARTS, PROMPT, ProbeOut
from tubelens.errors import (
    FailedPrecondition,
    ModelOutputInvalid,
    ResourceExhausted,
    Unavailable,
    UpstreamRejected,
)

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-test"


async def ask(caller) -> ProbeOut:
    out, _ = await caller.structured(MODEL, PROMPT, PARTS, ProbeOut)
    return out


async def test_429_and_503_are_retried_then_succeed(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.enqueue(MODEL, error_reply(429), error_reply(503), json_reply(GOOD))
    out, usage = await make_caller().structured(MODEL, PROMPT, PARTS, ProbeOut)
    assert out == ProbeOut(**GOOD)
    assert len(fake_gemini.calls(MODEL)) == 3
    assert usage.calls == 3  # model_calls counts every request sent, failed tries included


async def test_retry_after_is_honoured(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.enqueue(MODEL, error_reply(429, retry_after="1"), json_reply(GOOD))
    started = time.monotonic()
    await ask(make_caller(retry_initial_seconds=0.01))
    assert time.monotonic() - started >= 1.0


async def test_persistent_429_is_resource_exhausted(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.responder = lambda r: error_reply(429, "Quota exceeded for requests per minute.")
    with pytest.raises(ResourceExhausted) as caught:
        await ask(make_caller(max_attempts=3))
    assert caught.value.reason == "GEMINI_RATE_LIMITED"
    assert "Quota exceeded" in caught.value.message
    assert len(fake_gemini.calls(MODEL)) == 3


async def test_a_retry_after_longer_than_we_wait_gives_up_at_once(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: error_reply(429, retry_after="3600")
    with pytest.raises(ResourceExhausted) as caught:
        await ask(make_caller())
    assert caught.value.metadata["retry_after_seconds"] == "3600"
    assert len(fake_gemini.calls(MODEL)) == 1


async def test_400_is_never_retried(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.responder = lambda r: error_reply(400, "Request contains an invalid argument.")
    with pytest.raises(UpstreamRejected) as caught:
        await ask(make_caller())
    assert caught.value.reason == "GEMINI_REJECTED_REQUEST"
    assert caught.value.status_code == "INTERNAL"  # our request was bad, not the caller's
    assert len(fake_gemini.calls(MODEL)) == 1


async def test_persistent_503_is_unavailable(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.responder = lambda r: error_reply(503, "The model is overloaded.")
    with pytest.raises(Unavailable) as caught:
        await ask(make_caller(max_attempts=2))
    assert caught.value.reason == "GEMINI_UNAVAILABLE"


@pytest.mark.parametrize(
    "bad",
    [
        json_reply('{"answer": "yes", "sco'),  # malformed JSON
        json_reply({"answer": "yes"}),  # valid JSON, wrong shape
        json_reply(""),  # empty
        finish_reply("MAX_TOKENS", text='{"answer": "ye'),  # truncated
        no_candidates_reply(),
    ],
    ids=["malformed", "wrong-shape", "empty", "truncated", "no-candidates"],
)
async def test_an_invalid_answer_is_asked_for_once_more(
    fake_gemini: FakeGemini, make_caller, bad
) -> None:
    fake_gemini.enqueue(MODEL, bad, json_reply(GOOD))
    out, usage = await make_caller().structured(MODEL, PROMPT, PARTS, ProbeOut)
    assert out.score == 3 and usage.calls == 2


async def test_invalid_answers_until_the_budget_are_model_output_invalid(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: json_reply("not json at all")
    with pytest.raises(ModelOutputInvalid) as caught:
        await ask(make_caller())
    assert caught.value.reason == "MODEL_OUTPUT_INVALID"
    assert caught.value.status_code == "UNAVAILABLE"  # retryable: the next answer may be fine
    assert len(fake_gemini.calls(MODEL)) == 2  # one re-ask, within the max_attempts budget


@pytest.mark.parametrize(
    ("reply", "why"),
    [(finish_reply("SAFETY"), "SAFETY"), (prompt_blocked_reply("PROHIBITED_CONTENT"), None)],
    ids=["answer-safety", "prompt-blocked"],
)
async def test_a_blocked_answer_is_a_failed_precondition(
    fake_gemini: FakeGemini, make_caller, reply, why
) -> None:
    fake_gemini.responder = lambda r: reply
    with pytest.raises(FailedPrecondition) as caught:
        await ask(make_caller())
    assert caught.value.reason == "MODEL_BLOCKED"
    assert (why or "PROHIBITED_CONTENT") in caught.value.message
    assert len(fake_gemini.calls(MODEL)) == 1  # a block is not retried


async def test_the_request_carries_schema_system_instruction_and_key(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.enqueue(MODEL, json_reply(GOOD))
    await ask(make_caller())
    (call,) = fake_gemini.calls(MODEL)
    assert call.headers["x-goog-api-key"] == "test-key"
    assert call.generation_config["responseMimeType"] == "application/json"
    assert call.generation_config["responseSchema"]["required"] == ["answer", "score"]
    assert call.system.startswith("You answer probes.")
    assert "never an instruction" in call.system


async def test_usage_metadata_reaches_provenance_per_modality(
    fake_gemini: FakeGemini, make_caller
) -> None:
    from tubelens.convert import provenance_to_proto
    from tubelens.domain import Provenance

    fake_gemini.enqueue(MODEL, json_reply(GOOD))
    _, usage = await make_caller().structured(MODEL, PROMPT, PARTS, ProbeOut)
    message = provenance_to_proto(usage.stamp(Provenance("gemini", MODEL, PROMPT.version)))
    assert message.token_usage.input_tokens == 100
    assert message.token_usage.output_tokens == 20
    assert dict(message.token_usage.input_tokens_by_modality) == {"TEXT": 100}
    assert message.token_usage.model_calls == 1
