"""Starting an analysis: its plan, the result cache's answer, a turn to run, then its inputs.

The order matters under load. A call the result cache answers whole needs no turn. Every other
call takes a turn (tubelens.server.admission) before it reads any input, so a burst of calls is
answered at once with RESOURCE_EXHAUSTED beyond what can run before the deadlines, instead of
every call parsing its bundle or fetching YouTube and then timing out together.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from gateway.access.callers import ANONYMOUS
from gateway.access.gate import current_caller
from gateway.fanout import plan_analysis
from gateway.inputs import PARTS
from gateway.result_cache import CachedAnalysis, ResultCache
from gateway.result_keys import input_identity
from gateway.sources import ModelVideoFile, VideoSource, resolve
from gateway.tasks import AnalysisPlan
from gateway.uploads.store import StoredUpload, UploadStore
from gateway.video_scans import VideoScans
from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.source import FetchOptions
from tubelens import convert
from tubelens.errors import DeadlineExceeded, FailedPrecondition, InvalidInput
from tubelens.limits import InputLimits
from tubelens.server.admission import AdmissionQueue
from tubelens.settings import ENV_PREFIX, GatewaySettings
from tubelens.v1 import common_pb2, gateway_pb2

AnalyzeCall = (
    gateway_pb2.AnalyzeRequest | gateway_pb2.AnalyzeStreamRequest | gateway_pb2.AnalyzeAsyncRequest
)
_COMMENT_ORDERS = {gateway_pb2.COMMENT_ORDER_TIME: "time"}  # otherwise relevance


@dataclass(frozen=True, slots=True)
class Analysis:
    """One call, started: its inputs (None when every task came from the result cache)."""

    source: VideoSource | None
    plan: AnalysisPlan
    deadline: float
    cached: CachedAnalysis | None
    video: common_pb2.VideoMetadata

    @property
    def quota_units(self) -> int:
        return self.source.report(PARTS).quota_units if self.source is not None else 0


class AnalysisStarts:
    def __init__(
        self,
        settings: GatewaySettings,
        youtube: YouTubeFetcher | None,
        results: ResultCache | None,
        scans: VideoScans,
        uploads: UploadStore | None = None,
    ) -> None:
        self._settings = settings
        self._uploads = uploads  # None: VideoRef.upload is FAILED_PRECONDITION
        self._youtube = youtube  # None: YouTube links are refused as not configured
        self._results = results  # None: every result is computed
        self._scans = scans
        self._limits = InputLimits()  # read once: building settings costs ~0.7 ms a call
        # The gateway's own settings that shape what is fetched from YouTube (part of the key).
        self._youtube_shaping = (
            f"{youtube.settings.transcripts}/{youtube.settings.reply_threads}" if youtube else None
        )
        at_once = settings.analyses_at_once
        self.turns = AdmissionQueue(
            at_once,
            max(settings.max_analyses - at_once, 0),
            "analyses",
            f"The gateway is at capacity: it runs {at_once} analyses at once "
            f"({ENV_PREFIX}ANALYSES_AT_ONCE) and holds {settings.max_analyses} "
            f"({ENV_PREFIX}MAX_ANALYSES)",
            queue_name="analyses",
        )

    def plan(self, request: AnalyzeCall, request_id: str) -> AnalysisPlan:
        """The call's tasks and options, checked (InvalidInput) before anything is read."""
        return plan_analysis(
            list(request.tasks),
            request.options.language,
            request.options.max_comments,
            self._settings.max_comments,
            request_id,
            self._limits,
            request.options.comment_labels,
            request.options.include_thumbnail_image,
        )

    @contextlib.asynccontextmanager
    async def start(
        self, request: AnalyzeCall, budget: Callable[[], float], request_id: str
    ) -> AsyncIterator[Analysis]:
        """The call's analysis, holding a turn while the body runs when anything is computed.
        `budget` gives the seconds its downstream work may still take."""
        plan = self.plan(request, request_id)
        kind = request.video.WhichOneof("source") or ""
        value = getattr(request.video, kind) if kind else ""
        roots, upload = self._settings.bundle_roots, None
        if kind == "upload":  # the caller's own upload, analysed as the bundle it is stored as
            upload = await self._find_upload(value)
            kind, value, roots = "bundle", str(upload.path), (upload.path.parent,)
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
        cached = await self._lookup(kind, value, roots, options, plan, request.options.fresh)
        if cached is not None and cached.video is not None and len(cached.hits) == len(plan.tasks):
            video = common_pb2.VideoMetadata.FromString(cached.video)
            deadline = asyncio.get_running_loop().time() + budget()
            yield Analysis(None, plan, deadline, cached, video)  # no input read at all
            return
        async with self.turns.slot(budget):
            analysis = await self._inputs(kind, value, roots, options, plan, cached, budget())
            if upload is not None and analysis.source is not None and "gemini" in upload.manifest:
                gemini = upload.manifest["gemini"]
                analysis.source.video_file = ModelVideoFile(gemini["uri"], gemini["mime_type"])
            yield analysis

    async def _find_upload(self, upload_id: str) -> StoredUpload:
        if self._uploads is None:
            raise FailedPrecondition(
                "This gateway keeps no uploads.", reason="UPLOADS_NOT_CONFIGURED"
            )
        caller = current_caller.get()
        owner = caller.name if caller is not None else ANONYMOUS
        return await asyncio.to_thread(self._uploads.find, owner, upload_id)

    async def _inputs(
        self,
        kind: str,
        value: str,
        roots: Sequence[Path],
        options: FetchOptions,
        plan: AnalysisPlan,
        cached: CachedAnalysis | None,
        budget: float,
    ) -> Analysis:
        deadline = asyncio.get_running_loop().time() + budget
        try:
            async with asyncio.timeout_at(deadline):
                source = await resolve(kind, value, roots, self._youtube, options, self._scans)
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
        return Analysis(source, plan, deadline, cached, video)

    async def _lookup(
        self,
        kind: str,
        value: str,
        roots: Sequence[Path],
        options: FetchOptions,
        plan: AnalysisPlan,
        fresh: bool,
    ) -> CachedAnalysis | None:
        """The result cache's view of this call, None when it does not apply."""
        if self._results is None:
            return None
        args = (kind, value, roots, options, self._youtube_shaping)
        # A bundle's identity stats its files: off the event loop. A link's is a parse.
        if kind == "bundle":
            identity = await asyncio.to_thread(input_identity, *args)
        else:
            identity = input_identity(*args)
        if identity is None or not self._results.ttl(identity):
            return None
        return await self._results.lookup(
            identity,
            plan.tasks,
            plan.language,
            plan.max_comments,
            fresh,
            plan.labels,
            plan.thumbnail_image,
        )
