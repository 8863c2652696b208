"""Output caps sent with every request, and one log line per upstream try or cancelled call."""

from __future__ import annotations

import asyncio
from pathlib import Path

import structlog
from structlog.testing import capture_logs

from tests.fakes.gemini_server import (
    FakeGemini,
    Reply,
    error_reply,
    field,
    image_reply,
    json_reply,
)
from tests.unit.gemini.probe import GOOD, PARTS, PROMPT, ProbeOut
from tubelens.gemini import Prompt, load_prompt

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-test"


async def test_requests_carry_the_output_cap_and_thinking_budget(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: json_reply(GOOD)
    caller = make_caller(
        max_output_tokens=4000,
        thinking_budget=256,
        output_limits={"other": {"max_output_tokens": 10, "thinking_budget": 0}},
    )
    await caller.structured(MODEL, PROMPT, PARTS, ProbeOut)
    await caller.structured(MODEL, Prompt("other", "o-1", "Sys.", "U."), PARTS, ProbeOut)
    await caller.structured(MODEL, PROMPT, PARTS, ProbeOut, max_output_tokens=77)
    configs = [call.generation_config for call in fake_gemini.calls(MODEL)]
    assert [c["maxOutputTokens"] for c in configs] == [4000, 10, 77]
    assert [field(c["thinkingConfig"], "thinkingBudget") for c in configs] == [256, 0, 256]


async def test_a_prompt_file_sets_its_own_task_limits_and_settings_override_them(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: json_reply(GOOD)
    own = Prompt("own", "own-1", "Sys.", "U.", max_output_tokens=900, thinking_budget=0)
    await make_caller(max_output_tokens=4000, thinking_budget=256).structured(
        MODEL, own, PARTS, ProbeOut
    )
    await make_caller(output_limits={"own": {"thinking_budget": 64}}).structured(
        MODEL, own, PARTS, ProbeOut
    )
    configs = [call.generation_config for call in fake_gemini.calls(MODEL)]
    assert [c["maxOutputTokens"] for c in configs] == [900, 900]
    assert [field(c["thinkingConfig"], "thinkingBudget") for c in configs] == [0, 64]


def test_every_shipped_prompt_sets_its_output_cap_and_thinking_budget() -> None:
    root = Path(__file__).resolve().parents[3] / "services"
    prompts = {path.stem: load_prompt(path) for path in root.glob("*/prompts/*.toml")}
    assert len(prompts) == 9
    assert all(prompt.max_output_tokens for prompt in prompts.values())
    image_prompts = {"character", "card_art"}
    assert all(prompts[n].thinking_budget is not None for n in prompts.keys() - image_prompts)
    assert prompts["comments_batch"].thinking_budget == 0  # bulk labels on Flash-Lite: no thinking


async def test_image_requests_carry_the_output_cap_but_no_thinking(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.enqueue(MODEL, image_reply(b"img"))
    await make_caller(max_output_tokens=3000).image(MODEL, PROMPT, PARTS)
    (call,) = fake_gemini.calls(MODEL)
    assert call.generation_config["maxOutputTokens"] == 3000
    assert "thinkingConfig" not in call.generation_config


async def test_one_log_line_per_try(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.enqueue(MODEL, error_reply(503), error_reply(429), json_reply(GOOD))
    structlog.contextvars.bind_contextvars(request_id="req-42")
    try:
        with capture_logs() as logs:
            await make_caller().structured(MODEL, PROMPT, PARTS, ProbeOut)
    finally:
        structlog.contextvars.unbind_contextvars("request_id")
    tries = [line for line in logs if line["event"] == "gemini_try"]
    assert [(t["attempt"], t["status"]) for t in tries] == [(1, "503"), (2, "429"), (3, "200")]
    assert tries[0]["wait_seconds"] > 0 and tries[2]["wait_seconds"] is None
    assert tries[2]["input_tokens"] == 100 and tries[2]["output_tokens"] == 20
    assert {t["model"] for t in tries} == {MODEL}
    assert {t["request_id"] for t in tries} == {"req-42"}


async def test_a_cancelled_call_is_logged(fake_gemini: FakeGemini, make_caller) -> None:
    fake_gemini.responder = lambda r: Reply(body={}, delay=5.0)
    with capture_logs() as logs:
        task = asyncio.create_task(make_caller().structured(MODEL, PROMPT, PARTS, ProbeOut))
        await asyncio.sleep(0.3)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    (line,) = [line for line in logs if line["event"] == "gemini_cancelled"]
    assert line["model"] == MODEL and line["attempt"] == 1 and line["calls"] == 1
