"""OpenTelemetry traces: off unless the standard OTEL_* variables ask for them.

`configure_tracing` runs once per server process before its server and channels exist. When
tracing is off nothing is installed: no interceptor on the server or the gateway's channels,
no httpx hooks, and `span()` returns a shared no-op context, so the cost is one attribute
check. When it is on, W3C trace context travels in gRPC metadata (gateway -> services) and in
HTTP headers (YouTube, Gemini), and spans go out over OTLP as the OTEL_EXPORTER_OTLP_*
variables configure it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from typing import Any

import grpc
from opentelemetry import trace

_TRACER_NAME = "tubelens"
# Span exporters we know by name (OTEL_TRACES_EXPORTER); "none" and unset leave tracing off
# unless an OTLP endpoint is given.
_EXPORTERS = ("otlp", "console")


class _Tracing:
    """This process's tracing state (module-level, so a test can switch it on and off)."""

    provider: Any = None  # a TracerProvider while tracing is on
    tracer: trace.Tracer | None = None


_STATE = _Tracing()


def tracing_requested(environ: Mapping[str, str] = os.environ) -> bool:
    """True when the OTEL_* variables ask for traces (OTEL_SDK_DISABLED=true always wins)."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    exporter = environ.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if exporter == "none":
        return False
    endpoints = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    return exporter in _EXPORTERS or any(environ.get(name) for name in endpoints)


def configure_tracing(service: str, exporter: Any = None) -> bool:
    """Turns tracing on for this process when asked (or when a test passes an exporter).

    `service` names the resource ("tubelens-<service>") unless OTEL_SERVICE_NAME is set.
    Returns whether tracing is on.
    """
    if exporter is None and not tracing_requested():
        return False
    # The SDK is imported only when tracing is on: a server without it loads none of it.
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    name = os.environ.get("OTEL_SERVICE_NAME") or f"tubelens-{service}"
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    if exporter is not None:  # tests: spans handed over at once, in order
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    else:
        provider.add_span_processor(BatchSpanProcessor(_exporter_from_environment()))
        trace.set_tracer_provider(provider)  # once per process: libraries find it there
    _STATE.provider = provider
    _STATE.tracer = provider.get_tracer(_TRACER_NAME)
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    return True


def stop_tracing() -> None:
    """Flushes the spans not yet exported and turns tracing off (server shutdown, tests)."""
    provider, _STATE.provider, _STATE.tracer = _STATE.provider, None, None
    if provider is None:
        return
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    HTTPXClientInstrumentor().uninstrument()
    provider.shutdown()


def _exporter_from_environment() -> Any:
    if os.environ.get("OTEL_TRACES_EXPORTER", "").strip().lower() == "console":
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        return ConsoleSpanExporter()
    # Reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS, _INSECURE, _CERTIFICATE itself.
    from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()


def server_interceptors() -> list[grpc.aio.ServerInterceptor]:
    """The interceptor that starts a server span per call (continuing the caller's trace);
    none while tracing is off. Goes first, so the span covers TubeLens's own interceptor."""
    if _STATE.provider is None:
        return []
    from opentelemetry.instrumentation.grpc import aio_server_interceptor

    return [aio_server_interceptor(tracer_provider=_STATE.provider, filter_=_not_health)]


def client_interceptors() -> list[grpc.aio.ClientInterceptor]:
    """Interceptors that make a client span per downstream call and pass the trace context
    on in metadata; none while tracing is off."""
    if _STATE.provider is None:
        return []
    from opentelemetry.instrumentation.grpc import aio_client_interceptors

    return list(aio_client_interceptors(tracer_provider=_STATE.provider))


def _not_health(details: Any) -> bool:
    """Probes and reflection make no spans: a kubelet probing every few seconds would bury
    the calls that matter."""
    method = getattr(details, "method", "") or ""
    return not method.startswith(("/grpc.health.v1.Health/", "/grpc.reflection."))


_NO_SPAN = contextlib.nullcontext()


def span(name: str, **attributes: Any) -> contextlib.AbstractContextManager[Any]:
    """A child span of the current one around a piece of work that matters (an input fetch,
    a model call, a video scan); a shared no-op while tracing is off. Attribute names get
    the "tubelens." prefix; None values are left out."""
    tracer = _STATE.tracer
    if tracer is None:
        return _NO_SPAN
    return _started(tracer, name, attributes)


@contextlib.contextmanager
def _started(tracer: trace.Tracer, name: str, attributes: dict[str, Any]) -> Iterator[Any]:
    with tracer.start_as_current_span(name) as current:
        set_attributes(**attributes)
        yield current


def set_attributes(**attributes: Any) -> None:
    """Adds attributes to the current span (model tokens, cache outcome, the request id)."""
    if _STATE.tracer is None:
        return
    current = trace.get_current_span()
    if not current.is_recording():
        return
    for key, value in attributes.items():
        if value is not None:
            current.set_attribute(f"tubelens.{key}", value)


def trace_headers() -> dict[str, str]:
    """The current span's W3C trace context as HTTP headers, for a client OpenTelemetry does
    not instrument (google-genai sends through httpx2, not httpx); empty while off."""
    if _STATE.tracer is None:
        return {}
    from opentelemetry.propagate import inject

    headers: dict[str, str] = {}
    inject(headers)
    return headers


def trace_ids() -> dict[str, str]:
    """The current trace and span ids in W3C hex form, for log lines; empty when none."""
    if _STATE.tracer is None:
        return {}
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return {}
    return {"trace_id": f"{context.trace_id:032x}", "span_id": f"{context.span_id:016x}"}
