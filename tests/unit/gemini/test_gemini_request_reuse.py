"""Work the caller does once per kind of call (schema conversion, config), not once per call:
the request on the wire stays what the SDK sends for the pydantic class itself."""

from __future__ import annotations

import copy

from google.genai import types

from services.comments.engines.gemini.schema import CommentsBatchOut
from services.summary.engines.gemini.schema import CommentSectionOut, SummaryOut
from tests.fakes.gemini_server import FakeGemini, json_reply
from tests.unit.gemini.probe import GOOD, PARTS, PROMPT, ProbeOut
from tubelens.gemini.caller import own_limits
from tubelens.gemini.client import make_client
from tubelens.gemini.configs import sdk_schema, structured_config

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-test"


async def test_the_request_is_the_one_the_sdk_makes_from_the_class(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda recorded: json_reply(GOOD)
    caller = make_caller()
    out, _ = await caller.structured(MODEL, PROMPT, PARTS, ProbeOut)
    assert out == ProbeOut(**GOOD)
    cap, thinking = caller.settings.output_limit(PROMPT.name, own_limits(PROMPT))
    plain = types.GenerateContentConfig(  # what the caller sent before it cached anything
        system_instruction=PROMPT.system_instruction(),
        response_mime_type="application/json",
        response_schema=ProbeOut,
        temperature=0.2,
        max_output_tokens=cap,
        thinking_config=types.ThinkingConfig(thinking_budget=thinking),
    )
    await make_client(caller.settings).aio.models.generate_content(
        model=MODEL, contents=[types.Content(role="user", parts=PARTS)], config=plain
    )
    ours, sdks = fake_gemini.calls(MODEL)
    assert ours.body == sdks.body
    assert ours.generation_config["responseSchema"]["properties"].keys() == {"answer", "score"}


def test_schemas_convert_once_and_reconvert_to_themselves() -> None:
    from google.genai import _transformers

    for schema in (ProbeOut, SummaryOut, CommentSectionOut, CommentsBatchOut):
        converted = sdk_schema(schema)
        assert sdk_schema(schema) is converted
        # What the SDK does with it on every call gives what it makes of the class.
        again = _transformers.t_schema(None, copy.deepcopy(converted))
        assert again == _transformers.t_schema(None, schema)


def test_a_config_is_built_once_per_kind_of_call() -> None:
    first = structured_config("system", ProbeOut, None, 100, 0)
    assert structured_config("system", ProbeOut, None, 100, 0) is first
    assert structured_config("system", ProbeOut, "low", 100, 0) is not first
    assert first.automatic_function_calling.disable  # no tools: no tool loop around each call
