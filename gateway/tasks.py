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

from gateway.clients import Downstream
from gateway.sources import VideoSource
from tubelens import convert
from tubelens.domain import Comment
from tubelens.errors import FailedPrecondition, TubeLensError
from tubelens.logs import REQUEST_ID_HEADER, get_logger
from tubelens.server.status import (
    error_reason,
    ok_status,
    rpc_status_of,
    status_from_error,
    status_from_rpc_error,
)
from tubelens.v1 import comments_pb2, gateway_pb2, summary_pb2, thumbnail_pb2

log = get_logger("tubelens.gateway")


@dataclass(frozen=True, slots=True)
class AnalysisPlan:
    """What one Analyze call asks for, validated."""

    tasks: tuple[int, ...]  # gateway_pb2.Task values, in request order, without duplicates
    language: str
    max_comments: int
    request_id: str


@dataclass(frozen=True, slots=True)
class _TaskSpec:
    service: str  # key into Downstream.targets
    result_field: str  # the TaskResult oneof field
    build: Callable[[VideoSource, AnalysisPlan], Awaitable[Any]]
    method: Callable[[Downstream], Any]


async def _summary_request(source: VideoSource, plan: AnalysisPlan) -> Any:
    transcript, comments = await asyncio.gather(source.transcript(), source.comments())
    request = summary_pb2.SummarizeRequest(
        video=convert.metadata_to_proto(source.metadata),
        language=plan.language,
        comments=[convert.comment_to_proto(c) for c in most_liked(comments, plan.max_comments)],
    )
    if transcript is not None:
        request.transcript.CopyFrom(convert.transcript_to_proto(transcript))
    return request


async def _comments_request(source: VideoSource, plan: AnalysisPlan) -> Any:
    comments = await source.comments()
    if not comments:
        raise FailedPrecondition("The video has no comments to analyse.", reason="NO_COMMENTS")
    return comments_pb2.AnalyzeCommentsRequest(
        video=convert.metadata_to_proto(source.metadata),
        language=plan.language,
        comments=[convert.comment_to_proto(c) for c in most_liked(comments, plan.max_comments)],
    )


async def _thumbnail_request(source: VideoSource, plan: AnalysisPlan) -> Any:
    image = await source.thumbnail()
    if not image:
        raise FailedPrecondition(
            "The video has no thumbnail image to analyse.", reason="THUMBNAIL_MISSING"
        )
    return thumbnail_pb2.AnalyzeThumbnailRequest(
        image=image,
        title=source.metadata.title,
        language=plan.language,
        video=convert.metadata_to_proto(source.metadata),
    )


TASKS: dict[int, _TaskSpec] = {
    gateway_pb2.TASK_SUMMARY: _TaskSpec(
        "summary", "summary", _summary_request, lambda d: d.summary.Summarize
    ),
    gateway_pb2.TASK_COMMENTS: _TaskSpec(
        "comments", "comments", _comments_request, lambda d: d.comments.AnalyzeComments
    ),
    gateway_pb2.TASK_THUMBNAIL: _TaskSpec(
        "thumbnail", "thumbnail", _thumbnail_request, lambda d: d.thumbnail.AnalyzeThumbnail
    ),
}


def most_liked(comments: tuple[Comment, ...], limit: int) -> list[Comment]:
    if len(comments) <= limit:
        return list(comments)
    return sorted(comments, key=lambda comment: comment.like_count, reverse=True)[:limit]


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
        getattr(result, spec.result_field).CopyFrom(response.result)
        result.provenance.CopyFrom(response.provenance)
        result.status.CopyFrom(ok_status())
    except TubeLensError as exc:
        result.status.CopyFrom(status_from_error(exc))
    except grpc.aio.AioRpcError as exc:
        result.status.CopyFrom(_downstream_status(spec, exc, downstream, started))
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
        code=result.status.code,
        ms=round((time.perf_counter() - started) * 1000),
    )
    return result


def _downstream_status(
    spec: _TaskSpec, exc: grpc.aio.AioRpcError, downstream: Downstream, started: float
) -> Any:
    if exc.code() == grpc.StatusCode.DEADLINE_EXCEEDED:
        return _timeout_status(spec.service, started)
    if exc.code() == grpc.StatusCode.UNAVAILABLE:
        target = downstream.targets[spec.service]
        return rpc_status_of(
            grpc.StatusCode.UNAVAILABLE,
            f"The {spec.service} service ({target}) is unavailable: {exc.details()}",
            reason="SERVICE_UNAVAILABLE",
        )
    status = status_from_rpc_error(exc)
    if not error_reason(status) and not status.message:
        status.message = f"The {spec.service} service failed with {exc.code().name}."
    return status


def _timeout_status(service: str, started: float) -> Any:
    waited = time.perf_counter() - started
    return rpc_status_of(
        grpc.StatusCode.DEADLINE_EXCEEDED,
        f"The {service} task did not finish within the call's deadline (waited {waited:.1f} s).",
        reason="TASK_DEADLINE_EXCEEDED",
    )
