"""GatewayService over gRPC: starts each analysis (gateway.analysis_start), fans its tasks out."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator

import grpc
import structlog

from gateway.analysis_start import Analysis, AnalysisStarts, AnalyzeCall
from gateway.clients import Downstream
from gateway.deadlines import DeadlineBudget, LoopLag
from gateway.fanout import run_tasks
from gateway.result_cache import ResultCache
from gateway.tasks import downstream_status
from gateway.video_scans import VideoScans
from gateway.youtube.fetcher import YouTubeFetcher
from tubelens import convert
from tubelens.logs import REQUEST_ID_HEADER
from tubelens.server.status import abort_with
from tubelens.settings import GatewaySettings
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, photocard_pb2

SERVICE_NAME = gateway_pb2.DESCRIPTOR.services_by_name["GatewayService"].full_name


class GatewayServicer(gateway_pb2_grpc.GatewayServiceServicer):
    def __init__(
        self,
        downstream: Downstream,
        settings: GatewaySettings,
        youtube: YouTubeFetcher | None = None,
        results: ResultCache | None = None,
    ) -> None:
        self._downstream = downstream
        # The video scans' cache outlives each call.
        self._starts = AnalysisStarts(settings, youtube, results, VideoScans(downstream.video))
        self._budget_of = DeadlineBudget(
            settings.deadline_margin_seconds, settings.default_deadline_seconds, LoopLag()
        )

    async def Analyze(
        self, request: gateway_pb2.AnalyzeRequest, context: grpc.aio.ServicerContext
    ) -> gateway_pb2.AnalyzeResponse:
        started = time.perf_counter()
        async with self._start(request, context) as run:
            tasks = run_tasks(run.source, run.plan, self._downstream, run.deadline, run.cached)
            results = {result.task: result async for result in tasks}
        return gateway_pb2.AnalyzeResponse(
            video=run.video,
            results=[results[task] for task in run.plan.tasks],
            latency=convert.duration(time.perf_counter() - started),
            request_id=run.plan.request_id,
            youtube_quota_units=run.quota_units,
        )

    async def AnalyzeStream(
        self, request: gateway_pb2.AnalyzeStreamRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[gateway_pb2.AnalyzeStreamResponse]:
        started = time.perf_counter()
        succeeded = 0
        async with self._start(request, context) as run:
            tasks = run_tasks(run.source, run.plan, self._downstream, run.deadline, run.cached)
            async for result in tasks:
                succeeded += result.status.code == grpc.StatusCode.OK.value[0]
                yield gateway_pb2.AnalyzeStreamResponse(task_result=result)
        yield gateway_pb2.AnalyzeStreamResponse(
            completed=gateway_pb2.StreamCompleted(
                video=run.video,
                latency=convert.duration(time.perf_counter() - started),
                succeeded_tasks=succeeded,
                failed_tasks=len(run.plan.tasks) - succeeded,
                request_id=run.plan.request_id,
                youtube_quota_units=run.quota_units,
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

    def _start(
        self, request: AnalyzeCall, context: grpc.aio.ServicerContext
    ) -> contextlib.AbstractAsyncContextManager[Analysis]:
        return self._starts.start(request, lambda: self._budget(context), _request_id())

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
