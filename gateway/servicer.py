"""GatewayService over gRPC: validates the call, resolves the video, fans the tasks out."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import replace

import grpc
import structlog

from gateway.clients import Downstream
from gateway.deadlines import DeadlineBudget, LoopLag
from gateway.fanout import plan_analysis, run_tasks
from gateway.inputs import PARTS
from gateway.sources import VideoSource, resolve
from gateway.tasks import AnalysisPlan, downstream_status
from gateway.video_scans import VideoScans
from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.source import FetchOptions
from tubelens import convert
from tubelens.errors import DeadlineExceeded, InvalidInput
from tubelens.logs import REQUEST_ID_HEADER
from tubelens.server.in_flight import InFlight
from tubelens.server.status import abort_with
from tubelens.settings import GatewaySettings
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, photocard_pb2

SERVICE_NAME = gateway_pb2.DESCRIPTOR.services_by_name["GatewayService"].full_name
AnalyzeCall = gateway_pb2.AnalyzeRequest | gateway_pb2.AnalyzeStreamRequest
_COMMENT_ORDERS = {gateway_pb2.COMMENT_ORDER_TIME: "time"}  # otherwise relevance


class GatewayServicer(gateway_pb2_grpc.GatewayServiceServicer):
    def __init__(
        self,
        downstream: Downstream,
        settings: GatewaySettings,
        youtube: YouTubeFetcher | None = None,
    ) -> None:
        self._downstream = downstream
        self._settings = settings
        self._youtube = youtube  # None: YouTube links are refused as not configured
        self._scans = VideoScans(downstream.video)  # its cache outlives each call
        self._budget_of = DeadlineBudget(
            settings.deadline_margin_seconds, settings.default_deadline_seconds, LoopLag()
        )
        # Each analysis holds its inputs (comments above all) until it ends.
        self._analyses = InFlight(settings.max_analyses, "analyses", "TUBELENS_MAX_ANALYSES")

    async def Analyze(
        self, request: gateway_pb2.AnalyzeRequest, context: grpc.aio.ServicerContext
    ) -> gateway_pb2.AnalyzeResponse:
        started = time.perf_counter()
        with self._analyses.hold():
            source, plan, deadline = await self._prepare(request, context)
            tasks = run_tasks(source, plan, self._downstream, deadline)
            results = {result.task: result async for result in tasks}
        return gateway_pb2.AnalyzeResponse(
            video=convert.metadata_to_proto(source.metadata),
            results=[results[task] for task in plan.tasks],
            latency=convert.duration(time.perf_counter() - started),
            request_id=plan.request_id,
            youtube_quota_units=source.report(PARTS).quota_units,
        )

    async def AnalyzeStream(
        self, request: gateway_pb2.AnalyzeStreamRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[gateway_pb2.AnalyzeStreamResponse]:
        started = time.perf_counter()
        succeeded = 0
        with self._analyses.hold():
            source, plan, deadline = await self._prepare(request, context)
            async for result in run_tasks(source, plan, self._downstream, deadline):
                succeeded += result.status.code == grpc.StatusCode.OK.value[0]
                yield gateway_pb2.AnalyzeStreamResponse(task_result=result)
        yield gateway_pb2.AnalyzeStreamResponse(
            completed=gateway_pb2.StreamCompleted(
                video=convert.metadata_to_proto(source.metadata),
                latency=convert.duration(time.perf_counter() - started),
                succeeded_tasks=succeeded,
                failed_tasks=len(plan.tasks) - succeeded,
                request_id=plan.request_id,
                youtube_quota_units=source.report(PARTS).quota_units,
            )
        )

    async def CreatePhotoCard(
        self, request: photocard_pb2.CreatePhotoCardRequest, context: grpc.aio.ServicerContext
    ) -> photocard_pb2.CreatePhotoCardResponse:
        try:
            return await self._downstream.photocard.CreatePhotoCard(
                request, timeout=self._budget(context), metadata=_request_metadata()
            )
        except grpc.aio.AioRpcError as exc:
            status = downstream_status("photocard", exc)
            await abort_with(context, status)
            raise  # abort_with always raises; this keeps type checkers content

    async def _prepare(
        self, request: AnalyzeCall, context: grpc.aio.ServicerContext
    ) -> tuple[VideoSource, AnalysisPlan, float]:
        deadline = asyncio.get_running_loop().time() + self._budget(context)
        plan = plan_analysis(
            list(request.tasks),
            request.options.language,
            request.options.max_comments,
            self._settings.max_comments,
            _request_id(),
        )
        kind = request.video.WhichOneof("source") or ""
        value = getattr(request.video, kind) if kind else ""
        if request.options.comment_order not in gateway_pb2.CommentOrder.values():
            raise InvalidInput(
                "options.comment_order must be COMMENT_ORDER_RELEVANCE or COMMENT_ORDER_TIME.",
                reason="INVALID_OPTION",
            )
        options = FetchOptions(
            language=request.options.language,
            comment_order=_COMMENT_ORDERS.get(request.options.comment_order, "relevance"),
            max_comments=plan.max_comments,
        )
        try:
            async with asyncio.timeout_at(deadline):
                source = await resolve(
                    kind, value, self._settings.bundle_roots, self._youtube, options, self._scans
                )
        except TimeoutError:
            raise DeadlineExceeded(
                "The video's details could not be read before the call's deadline, so no task "
                "was started; retry with a longer deadline.",
                reason="INPUTS_DEADLINE_EXCEEDED",
            ) from None
        plan = replace(plan, deadline=deadline)
        if not plan.language:  # empty means the video's own language, for every task
            plan = replace(plan, language=source.metadata.default_language)
        return source, plan, deadline

    def _budget(self, context: grpc.aio.ServicerContext) -> float:
        """Seconds the downstream work may take: the caller's deadline less a measured margin,
        so a task that runs out is reported before the caller gives up (gateway.deadlines)."""
        return self._budget_of.seconds(context.time_remaining())

    async def close(self) -> None:
        await self._budget_of.lag.stop()


def _request_id() -> str:
    return str(structlog.contextvars.get_contextvars().get("request_id", ""))


def _request_metadata() -> tuple[tuple[str, str], ...]:
    return ((REQUEST_ID_HEADER, _request_id()),)
