"""GatewayService over gRPC: validates the call, resolves the video, fans the tasks out."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

import grpc
import structlog

from gateway.clients import Downstream
from gateway.deadlines import DeadlineBudget, LoopLag
from gateway.fanout import plan_analysis, run_tasks
from gateway.inputs import PARTS
from gateway.result_cache import CachedAnalysis, ResultCache
from gateway.result_keys import input_identity
from gateway.sources import VideoSource, resolve
from gateway.tasks import AnalysisPlan, downstream_status
from gateway.video_scans import VideoScans
from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.source import FetchOptions
from tubelens import convert
from tubelens.errors import DeadlineExceeded, InvalidInput
from tubelens.limits import InputLimits
from tubelens.logs import REQUEST_ID_HEADER
from tubelens.server.in_flight import InFlight
from tubelens.server.status import abort_with
from tubelens.settings import GatewaySettings
from tubelens.v1 import common_pb2, gateway_pb2, gateway_pb2_grpc, photocard_pb2

SERVICE_NAME = gateway_pb2.DESCRIPTOR.services_by_name["GatewayService"].full_name
AnalyzeCall = gateway_pb2.AnalyzeRequest | gateway_pb2.AnalyzeStreamRequest
_COMMENT_ORDERS = {gateway_pb2.COMMENT_ORDER_TIME: "time"}  # otherwise relevance


@dataclass(frozen=True, slots=True)
class _Analysis:
    """One call, prepared: its inputs (None when every task came from the result cache)."""

    source: VideoSource | None
    plan: AnalysisPlan
    deadline: float
    cached: CachedAnalysis | None
    video: common_pb2.VideoMetadata

    @property
    def quota_units(self) -> int:
        return self.source.report(PARTS).quota_units if self.source is not None else 0


class GatewayServicer(gateway_pb2_grpc.GatewayServiceServicer):
    def __init__(
        self,
        downstream: Downstream,
        settings: GatewaySettings,
        youtube: YouTubeFetcher | None = None,
        results: ResultCache | None = None,
    ) -> None:
        self._downstream = downstream
        self._settings = settings
        self._youtube = youtube  # None: YouTube links are refused as not configured
        self._results = results  # None: every result is computed
        self._limits = InputLimits()  # read once: building settings costs ~0.7 ms a call
        # The gateway's own settings that shape what is fetched from YouTube (part of the key).
        self._youtube_shaping = (
            f"{youtube.settings.transcripts}/{youtube.settings.reply_threads}" if youtube else None
        )
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
            run = await self._prepare(request, context)
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
        with self._analyses.hold():
            run = await self._prepare(request, context)
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

    async def _prepare(self, request: AnalyzeCall, context: grpc.aio.ServicerContext) -> _Analysis:
        deadline = asyncio.get_running_loop().time() + self._budget(context)
        plan = plan_analysis(
            list(request.tasks),
            request.options.language,
            request.options.max_comments,
            self._settings.max_comments,
            _request_id(),
            self._limits,
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
        cached = await self._lookup(kind, value, options, plan, request.options.fresh)
        if cached is not None and cached.video is not None and len(cached.hits) == len(plan.tasks):
            video = common_pb2.VideoMetadata.FromString(cached.video)
            return _Analysis(None, plan, deadline, cached, video)  # no input read at all
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
        video = convert.metadata_to_proto(source.metadata)
        if cached is not None:
            await cached.keep_video(video)
        return _Analysis(source, plan, deadline, cached, video)

    async def _lookup(
        self, kind: str, value: str, options: FetchOptions, plan: AnalysisPlan, fresh: bool
    ) -> CachedAnalysis | None:
        """The result cache's view of this call, None when it does not apply."""
        if self._results is None:
            return None
        args = (kind, value, self._settings.bundle_roots, options, self._youtube_shaping)
        # A bundle's identity stats its files: off the event loop. A link's is a parse.
        if kind == "bundle":
            identity = await asyncio.to_thread(input_identity, *args)
        else:
            identity = input_identity(*args)
        if identity is None or not self._results.ttl(identity):
            return None
        return await self._results.lookup(
            identity, plan.tasks, plan.language, plan.max_comments, fresh
        )

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
