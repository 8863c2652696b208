"""One task of an analysis: gather its inputs, call its service, report a TaskResult.

A task never raises (except when cancelled): every failure becomes the task's own status, so
the other tasks of the same call still return.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import grpc
from google.rpc import code_pb2

from gateway.clients import Downstream
from gateway.inputs import InputReport
from gateway.label_handoff import hand_over, note_engine
from gateway.sources import VideoSource
from gateway.task_requests import (
    AnalysisPlan,
    comments_request,
    summary_request,
    thumbnail_request,
)
from gateway.thumbnail_image import attach_image
from tubelens import convert
from tubelens.errors import TubeLensError
from tubelens.logs import REQUEST_ID_HEADER, get_logger
from tubelens.server.status import (
    answered_by_server,
    error_reason,
    ok_status,
    rpc_status_of,
    status_from_error,
    status_from_rpc_error,
    token_usage_of,
)
from tubelens.v1 import gateway_pb2

log = get_logger("tubelens.gateway")


@dataclass(frozen=True, slots=True)
class _TaskSpec:
    service: str  # key into Downstream.targets
    result_field: str  # the TaskResult oneof field
    build: Callable[[VideoSource, AnalysisPlan], Awaitable[Any]]
    method: Callable[[Downstream], Any]
    parts: tuple[str, ...]  # the source's parts (inputs.PARTS) the request is built from
    # What the gateway does with the service's answer (result and provenance) before the
    # caller sees it, given the request the service answered.
    adjust: Callable[[Any, AnalysisPlan, Any], Awaitable[None]] | None = None


async def _hand_over_labels(response: Any, plan: AnalysisPlan, request: Any) -> None:
    hand_over(response.result, plan.labels, plan.handoff)


async def _add_thumbnail_image(response: Any, plan: AnalysisPlan, request: Any) -> None:
    # The very image the review's boxes were measured on.
    if plan.thumbnail_image and not await attach_image(response.result, request.image):
        response.provenance.notes.append(
            "The thumbnail image asked for could not be made; the review is complete without it."
        )
        response.provenance.partial = True  # kept out of the result cache: the next call tries


TASKS: dict[int, _TaskSpec] = {
    gateway_pb2.TASK_SUMMARY: _TaskSpec(
        "summary",
        "summary",
        summary_request,
        lambda d: d.summary.Summarize,
        ("transcript", "comments", "video"),
    ),
    gateway_pb2.TASK_COMMENTS: _TaskSpec(
        "comments",
        "comments",
        comments_request,
        lambda d: d.comments.AnalyzeComments,
        ("comments",),
        _hand_over_labels,
    ),
    gateway_pb2.TASK_THUMBNAIL: _TaskSpec(
        "thumbnail",
        "thumbnail",
        thumbnail_request,
        lambda d: d.thumbnail.AnalyzeThumbnail,
        ("thumbnail", "video"),
        _add_thumbnail_image,
    ),
}


async def run_task(
    task: int, source: VideoSource, plan: AnalysisPlan, downstream: Downstream, deadline: float
) -> gateway_pb2.TaskResult:
    """Runs one task; `deadline` is on the event loop's clock (loop.time())."""
    spec = TASKS[task]
    result = gateway_pb2.TaskResult(task=task)
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    try:
        async with asyncio.timeout_at(deadline):
            request = await spec.build(source, plan)
            started = time.perf_counter()  # latency counts from the moment inputs are ready
            response = await spec.method(downstream)(
                request,
                timeout=max(deadline - loop.time(), 0.001),
                metadata=((REQUEST_ID_HEADER, plan.request_id),),
            )
        note_engine(spec.service, response.provenance.engine)
        if spec.adjust is not None:
            await spec.adjust(response, plan, request)
        getattr(result, spec.result_field).CopyFrom(response.result)
        result.provenance.CopyFrom(response.provenance)
        _add_input_report(result.provenance, source.report(spec.parts))
        result.provenance.computed_at.GetCurrentTime()  # a cached copy keeps it (result_cache)
        result.status.CopyFrom(ok_status())
    except TubeLensError as exc:
        result.status.CopyFrom(status_from_error(exc))
    except grpc.aio.AioRpcError as exc:
        result.status.CopyFrom(_downstream_status(spec, exc, downstream, started))
        billed = token_usage_of(result.status)
        if billed is not None:  # the failed task's upstream tries, for the caller's ledger
            result.provenance.token_usage.CopyFrom(billed)
    except TimeoutError:
        result.status.CopyFrom(_timeout_status(spec.service, started))
    except Exception:  # one broken task must not take the others down
        log.exception("task_failed", task=gateway_pb2.Task.Name(task))
        result.status.CopyFrom(
            rpc_status_of(
                grpc.StatusCode.INTERNAL,
                f"The {spec.service} task failed inside the gateway "
                f"(request id {plan.request_id}).",
                reason="INTERNAL",
            )
        )
    result.latency.CopyFrom(convert.duration(time.perf_counter() - started))
    log.info(
        "task_done",
        task=gateway_pb2.Task.Name(task),
        code=code_pb2.Code.Name(result.status.code),  # a name, as in every other log line
        ms=round((time.perf_counter() - started) * 1000),
    )
    return result


def _add_input_report(provenance: Any, report: InputReport) -> None:
    """The gateway's part of the provenance: what reading the inputs cost and how they were
    chosen (the service's own notes come first)."""
    provenance.youtube_quota_units = report.quota_units
    provenance.transcript_track = report.transcript_track
    provenance.inputs_cached = report.cached and report.quota_units == 0
    provenance.notes.extend(report.notes)
    # Already set when the gateway could not add what the caller asked for (the thumbnail image).
    provenance.partial = provenance.partial or report.partial


def _downstream_status(
    spec: _TaskSpec, exc: grpc.aio.AioRpcError, downstream: Downstream, started: float
) -> Any:
    if exc.code() == grpc.StatusCode.DEADLINE_EXCEEDED and not answered_by_server(exc):
        return _timeout_status(spec.service, started)
    return downstream_status(spec.service, exc)


def downstream_status(service: str, exc: grpc.aio.AioRpcError) -> Any:
    """What the caller is told when a call to one of our services failed.

    When the service answered, its own status is the truth (code, reason, message, RetryInfo):
    "Gemini is unavailable" must not become "the summary service is unavailable". When the call
    never reached it, say so, without the internal address (it is logged for the operators)."""
    if answered_by_server(exc):
        status = status_from_rpc_error(exc)
        if not error_reason(status) and not status.message:
            status.message = f"The {service} service failed with {exc.code().name}."
        return status
    log.warning("service_unreachable", service=service, code=exc.code().name, why=exc.details())
    if exc.code() == grpc.StatusCode.UNAVAILABLE:
        return rpc_status_of(
            grpc.StatusCode.UNAVAILABLE,
            f"The {service} service could not be reached; try again shortly.",
            reason="SERVICE_UNAVAILABLE",
            retry_after_seconds=1.0,
        )
    return rpc_status_of(
        exc.code(),
        f"The call to the {service} service failed with {exc.code().name} before it answered.",
        reason="SERVICE_CALL_FAILED",
    )


def _timeout_status(service: str, started: float) -> Any:
    waited = time.perf_counter() - started
    return rpc_status_of(
        grpc.StatusCode.DEADLINE_EXCEEDED,
        f"The {service} task did not finish within the call's deadline (waited {waited:.1f} s).",
        reason="TASK_DEADLINE_EXCEEDED",
    )
