"""With tracing on, each YouTube HTTP request is a client span under the analysis that made
it, and carries the W3C trace context (httpx instrumentation; fake YouTube on loopback)."""

from __future__ import annotations

from opentelemetry.trace import SpanKind

from tests.fakes.youtube_server import FakeVideo
from tubelens.observability import tracing

ID = "dQw4w9WgXcQ"


async def test_a_data_api_call_is_a_child_span_with_trace_context(
    spans, fake_youtube, fetcher
) -> None:
    fake_youtube.add(FakeVideo(ID, title="Sourdough"))
    with tracing.span("analysis") as analysis:
        await fetcher.video(ID)

    finished = spans.get_finished_spans()
    [request] = [span for span in finished if span.kind is SpanKind.CLIENT]
    assert request.parent.span_id == analysis.get_span_context().span_id
    assert 200 in (
        request.attributes.get("http.status_code"),
        request.attributes.get("http.response.status_code"),
    )
    [headers] = fake_youtube.headers
    trace_id, span_id = f"{request.context.trace_id:032x}", f"{request.context.span_id:016x}"
    assert headers["traceparent"].startswith(f"00-{trace_id}-{span_id}-")
    assert "key=" not in request.attributes.get("url.full", "")  # the key rides in a header
