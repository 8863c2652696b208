"""Reuses analysis results: a repeat is answered from the store, identical calls in flight share
one computation, and only complete results are kept.

The engine part of a key is the fingerprint (engine, model, prompt version) of the service's
last answer, kept in the store for TUBELENS_RESULT_CACHE_ENGINE_SECONDS, so every replica
reads it; results are stored under the fingerprint of the answer that made them, so a result
is never served for another engine the gateway has seen.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import grpc

from gateway import result_keys as keys
from gateway.result_keys import InputIdentity
from gateway.result_store import ResultStore
from gateway.single_flight import SingleFlight
from gateway.tasks import TASKS
from tubelens import convert
from tubelens.observability import metrics
from tubelens.observability.tracing import set_attributes, span
from tubelens.server.status import rpc_status_of
from tubelens.settings import ResultCacheSettings
from tubelens.v1 import common_pb2, gateway_pb2

TaskResult = gateway_pb2.TaskResult
OK = grpc.StatusCode.OK.value[0]


class ResultCache:
    """One per gateway: the store, the settings and the computations in flight."""

    def __init__(self, store: ResultStore, settings: ResultCacheSettings) -> None:
        self.store = store
        self.settings = settings
        self._flights: SingleFlight[TaskResult] = SingleFlight()

    def ttl(self, identity: InputIdentity) -> float:
        s = self.settings
        return s.ttl_bundle_seconds if identity.kind == "bundle" else s.ttl_youtube_seconds

    async def lookup(
        self,
        identity: InputIdentity,
        tasks: tuple[int, ...],
        language: str,
        max_comments: int,
        fresh: bool = False,
        labels: tuple[int, int] | None = None,
        thumbnail_image: bool = False,
    ) -> CachedAnalysis:
        """What the store holds for these tasks of these inputs (no results when `fresh`)."""
        with span("result_cache.lookup", tasks=len(tasks), fresh=fresh):
            started, namespace = time.perf_counter(), self.settings.namespace
            services = [TASKS[task].service for task in tasks]
            found = await self.store.get_many(
                [keys.engine_key(namespace, s) for s in services]
                + [keys.video_key(namespace, identity)]
            )
            engines = {task: (raw or b"").decode() for task, raw in zip(tasks, found, strict=False)}
            analysis = CachedAnalysis(
                self,
                identity,
                language,
                max_comments,
                engines,
                found[-1],
                labels=labels,
                thumbnail_image=thumbnail_image,
            )
            known = [task for task in tasks if engines[task] and not fresh]
            stored = await self.store.get_many([analysis.key(task) for task in known])
            for task, raw in zip(known, stored, strict=True):
                if raw is not None:
                    seconds = time.perf_counter() - started
                    analysis.hits[task] = _served(raw, seconds, identity.kind == "youtube")
            set_attributes(hits=len(analysis.hits))
            if not fresh:
                metrics.record_cache("result", len(analysis.hits), len(tasks) - len(analysis.hits))
        return analysis

    async def shared(self, key: str, compute: Callable[[], Awaitable[TaskResult]]) -> TaskResult:
        """One computation for every identical call in flight (see gateway.single_flight)."""
        copy = TaskResult()
        copy.CopyFrom(await self._flights.run(key, compute))  # each caller may change its own
        return copy


@dataclass
class CachedAnalysis:
    """One call's view of the cache: its keys, what was found, and how to keep what it makes."""

    cache: ResultCache
    identity: InputIdentity
    language: str  # as asked for: empty means the video's own
    max_comments: int
    engines: dict[int, str]  # task -> fingerprint of its service's last answer ("" unknown)
    video: bytes | None  # the video's metadata (VideoMetadata), when stored
    hits: dict[int, TaskResult] = field(default_factory=dict)
    labels: tuple[int, int] | None = None  # the page of per-comment labels asked for
    thumbnail_image: bool = False  # the thumbnail's result carries the reduced image

    def key(self, task: int, engine: str | None = None) -> str:
        engine = self.engines[task] if engine is None else engine
        namespace = self.cache.settings.namespace
        return keys.result_key(
            namespace,
            self.identity,
            task,
            self.language,
            self.max_comments,
            engine,
            self.labels,
            self.thumbnail_image,
        )

    async def compute(
        self, task: int, run: Callable[[], Awaitable[TaskResult]], deadline: float
    ) -> TaskResult:
        """The task's result, made once for every identical call in flight and kept when
        complete. This caller waits at most until its own `deadline` (loop clock)."""

        async def run_and_keep() -> TaskResult:
            result = await run()
            await self._keep(task, result)
            return result

        try:
            async with asyncio.timeout_at(deadline):
                return await self.cache.shared(self.key(task), run_and_keep)
        except TimeoutError:
            return TaskResult(task=task, status=_shared_timeout(TASKS[task].service))

    async def keep_video(self, metadata: common_pb2.VideoMetadata) -> None:
        if self.video is None:
            key = keys.video_key(self.cache.settings.namespace, self.identity)
            await self.cache.store.put(
                key, metadata.SerializeToString(), self.cache.ttl(self.identity)
            )

    async def _keep(self, task: int, result: TaskResult) -> None:
        if result.status.code != OK or result.provenance.partial:
            return
        engine = keys.engine_fingerprint(result.provenance)
        store, settings = self.cache.store, self.cache.settings
        data = result.SerializeToString()
        await store.put(self.key(task, engine), data, self.cache.ttl(self.identity))
        service = TASKS[task].service
        await store.put(
            keys.engine_key(settings.namespace, service), engine.encode(), settings.engine_seconds
        )


def _served(raw: bytes, seconds: float, youtube: bool) -> TaskResult:
    """A stored result as this call reports it: cached, nothing spent (the original call
    reported the tokens and quota), its original `computed_at` kept."""
    result = TaskResult.FromString(raw)
    result.provenance.cached = True
    result.provenance.youtube_quota_units = 0
    result.provenance.inputs_cached = youtube  # no YouTube input was read for it at all
    result.provenance.ClearField("token_usage")
    result.latency.CopyFrom(convert.duration(seconds))
    return result


def _shared_timeout(service: str) -> object:
    # The same status as gateway.tasks gives a task of its own that runs out of time.
    return rpc_status_of(
        grpc.StatusCode.DEADLINE_EXCEEDED,
        f"The {service} task did not finish within the call's deadline.",
        reason="TASK_DEADLINE_EXCEEDED",
    )
