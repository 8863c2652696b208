"""GatewayService over gRPC: starts each analysis (gateway.analysis_start), fans its tasks out."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import grpc
import structlog
from google.longrunning import operations_pb2

from gateway.access.setup import Access
from gateway.access.usage import photo_card_usage
from gateway.accounting import Accounts, Tally
from gateway.analysis_start import Analysis, AnalysisStarts, AnalyzeCall
from gateway.bundle_listing import list_bundles
from gateway.clients import Downstream
from gateway.deadlines import DeadlineBudget, LoopLag
from gateway.fanout import run_tasks
from gateway.operations.runner import Operations
from gateway.result_cache import ResultCache
from gateway.tasks import downstream_status
from gateway.uploads.service import Uploads
from gateway.video_scans import VideoScans
from gateway.youtube.fetcher import YouTubeFetcher
from tubelens import convert
from tubelens.errors import FailedPrecondition
from tubelens.logs import REQUEST_ID_HEADER
from tubelens.server.status import abort_with, token_usage_of
from tubelens.settings import GatewaySettings
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, photocard_pb2, uploads_pb2, usage_pb2

SERVICE_NAME = gateway_pb2.DESCRIPTOR.services_by_name["GatewayService"].full_name
ResultCallback = Callable[[gateway_pb2.TaskResult], Awaitable[None]]


class GatewayServicer(gateway_pb2_grpc.GatewayServiceServicer):
    def __init__(
        self,
        downstream: Downstream,
        settings: GatewaySettings,
        youtube: YouTubeFetcher | None = None,
        results: ResultCache | None = None,
        access: Access | None = None,
        operations: Operations | None = None,
        uploads: Uploads | None = None,
    ) -> None:
        self._downstream = downstream
        self._bundle_roots = settings.bundle_roots
        self._accounts = Accounts(access)
        self._operations = operations  # None: AnalyzeAsync is FAILED_PRECONDITION
        self._uploads = uploads  # None: UploadVideo and VideoRef.upload are FAILED_PRECONDITION
        # The video scans' cache outlives each call.
        store = uploads.store if uploads is not None else None
        scans = VideoScans(downstream.video)
        self._starts = AnalysisStarts(settings, youtube, results, scans, store)
        self._budget_of = DeadlineBudget(
            settings.deadline_margin_seconds, settings.default_deadline_seconds, LoopLag()
        )

    async def Analyze(
        self, request: gateway_pb2.AnalyzeRequest, context: grpc.aio.ServicerContext
    ) -> gateway_pb2.AnalyzeResponse:
        async with self._accounts.analysis() as tally:
            return await self._analyze(request, lambda: self._budget(context), tally)

    async def AnalyzeAsync(
        self, request: gateway_pb2.AnalyzeAsyncRequest, context: grpc.aio.ServicerContext
    ) -> operations_pb2.Operation:
        if self._operations is None:
            raise FailedPrecondition(
                "This gateway runs no operations.", reason="OPERATIONS_NOT_CONFIGURED"
            )
        plan = self._starts.plan(request, _request_id())  # a bad request fails now, not later
        # The caller's quotas are checked now; its analysis slot is held until the operation
        # ends, when its usage is recorded (cleanup).
        held = contextlib.AsyncExitStack()
        tally = await held.enter_async_context(self._accounts.analysis())
        loop = asyncio.get_running_loop()

        async def analyze(
            call: AnalyzeCall, seconds: float, progress: ResultCallback
        ) -> gateway_pb2.AnalyzeResponse:
            end = loop.time() + seconds
            return await self._analyze(call, lambda: end - loop.time(), tally, progress)

        try:
            return await self._operations.start(
                self._accounts.caller().name,
                request,
                len(plan.tasks),
                plan.request_id,
                analyze,
                held.aclose,
            )
        except BaseException:
            await held.aclose()
            raise

    async def _analyze(
        self,
        request: AnalyzeCall,
        budget: Callable[[], float],
        tally: Tally,
        on_result: ResultCallback | None = None,
    ) -> gateway_pb2.AnalyzeResponse:
        started = time.perf_counter()
        async with self._starts.start(request, budget, _request_id()) as run:
            tally.started = True
            tasks = run_tasks(run.source, run.plan, self._downstream, run.deadline, run.cached)
            async for result in tasks:
                tally.results.append(result)
                if on_result is not None:
                    await on_result(result)
            tally.youtube_units = run.quota_units
        results = {result.task: result for result in tally.results}
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
        async with self._accounts.analysis() as tally, self._start(request, context) as run:
            tally.started = True
            tasks = run_tasks(run.source, run.plan, self._downstream, run.deadline, run.cached)
            try:
                async for result in tasks:
                    tally.results.append(result)
                    succeeded += result.status.code == grpc.StatusCode.OK.value[0]
                    yield gateway_pb2.AnalyzeStreamResponse(task_result=result)
            finally:  # a caller that leaves still pays for the YouTube reads
                tally.youtube_units = run.quota_units
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
        async with self._accounts.analysis() as tally:
            tally.started = True
            try:
                response = await self._downstream.photocard.CreatePhotoCard(
                    request, timeout=self._budget(context), metadata=_request_metadata()
                )
            except grpc.aio.AioRpcError as exc:
                status = downstream_status("photocard", exc)
                tally.photo_card = photo_card_usage("", token_usage_of(status))
                await abort_with(context, status)
                raise  # abort_with always raises; this keeps type checkers content
            provenance = response.provenance
            usage = provenance.token_usage if provenance.HasField("token_usage") else None
            tally.photo_card = photo_card_usage(provenance.model or "unknown", usage)
            return response

    async def UploadVideo(
        self,
        request_iterator: AsyncIterator[uploads_pb2.UploadVideoRequest],
        context: grpc.aio.ServicerContext,
    ) -> uploads_pb2.UploadVideoResponse:
        stored = await self._need_uploads().receive(self._accounts.caller().name, request_iterator)
        response = uploads_pb2.UploadVideoResponse(
            upload_id=stored.upload_id,
            video_bytes=stored.manifest["video_bytes"],
            thumbnail_bytes=stored.manifest["thumbnail_bytes"],
            sent_to_gemini="gemini" in stored.manifest,
        )
        response.expire_time.FromSeconds(int(stored.expire_at))
        return response

    async def DeleteUpload(
        self, request: uploads_pb2.DeleteUploadRequest, context: grpc.aio.ServicerContext
    ) -> uploads_pb2.DeleteUploadResponse:
        await self._need_uploads().delete(self._accounts.caller().name, request.upload_id)
        return uploads_pb2.DeleteUploadResponse()

    def _need_uploads(self) -> Uploads:
        if self._uploads is None:
            raise FailedPrecondition(
                "This gateway keeps no uploads.", reason="UPLOADS_NOT_CONFIGURED"
            )
        return self._uploads

    async def ListBundles(
        self, request: gateway_pb2.ListBundlesRequest, context: grpc.aio.ServicerContext
    ) -> gateway_pb2.ListBundlesResponse:
        return await list_bundles(self._bundle_roots)

    async def GetUsage(
        self, request: usage_pb2.GetUsageRequest, context: grpc.aio.ServicerContext
    ) -> usage_pb2.GetUsageResponse:
        return await self._accounts.usage(request)

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
