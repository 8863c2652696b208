"""Each request to Gemini is a span with its model, attempt and tokens (fake Gemini API, real
google-genai client), and the trace context rides on the HTTP request."""

from __future__ import annotations

from tests.fakes.gemini_server import FakeGemini, error_reply, json_reply
from tests.unit.gemini.probe import GOOD, PARTS, PROMPT, ProbeOut
from tubelens.observability import tracing

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-test"


async def test_every_try_is_a_span_and_the_answer_carries_its_tokens(
    fake_gemini: FakeGemini, make_caller, spans
) -> None:
    fake_gemini.enqueue(MODEL, error_reply(503), json_reply(GOOD))
    with tracing.span("analysis"):
        await make_caller(retry_initial_seconds=0.01).structured(MODEL, PROMPT, PARTS, ProbeOut)

    finished = spans.get_finished_spans()
    tries = [span for span in finished if span.name == "gemini.generate_content"]
    assert [span.attributes["tubelens.attempt"] for span in tries] == [1, 2]
    assert {span.attributes["tubelens.model"] for span in tries} == {MODEL}
    failed, answered = tries
    assert not failed.status.is_ok  # the 503 is recorded on its span
    assert "tubelens.input_tokens" not in failed.attributes
    assert answered.attributes["tubelens.input_tokens"] > 0
    assert answered.attributes["tubelens.output_tokens"] > 0
    root = next(span for span in finished if span.name == "analysis")
    assert all(span.context.trace_id == root.context.trace_id for span in tries)
    # The trace context rides on each HTTP request: the try's own span is its parent.
    sent = [call.headers.get("traceparent", "")[:52] for call in fake_gemini.calls(MODEL)]
    assert sent == [f"00-{root.context.trace_id:032x}-{t.context.span_id:016x}" for t in tries]
