"""Runs an analysis's tasks concurrently and hands back each result the moment it is ready."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from dataclasses import replace

from gateway.clients import Downstream
from gateway.label_handoff import LabelHandoff, worth_handing_over
from gateway.result_cache import CachedAnalysis
from gateway.sources import VideoSource
from gateway.tasks import TASKS, AnalysisPlan, run_task
from tubelens import convert
from tubelens.errors import InvalidInput
from tubelens.limits import InputLimits
from tubelens.v1 import comments_pb2, gateway_pb2

ALL_TASKS = (gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_COMMENTS, gateway_pb2.TASK_THUMBNAIL)


def plan_analysis(
    tasks: list[int],
    language: str,
    max_comments: int,
    default_max_comments: int,
    request_id: str,
    limits: InputLimits | None = None,
    comment_labels: comments_pb2.CommentLabelsOptions | None = None,
    thumbnail_image: bool = False,
) -> AnalysisPlan:
    """Validates what the caller asked for; empty `tasks` means all of them."""
    limits = limits or InputLimits()
    unknown = [task for task in tasks if task not in TASKS]
    if unknown:
        names = ", ".join(gateway_pb2.Task.Name(t) for t in ALL_TASKS)
        raise InvalidInput(
            f"Unknown or unspecified task value(s) {unknown}; choose from {names}.",
            reason="INVALID_TASK",
        )
    if max_comments < 0:
        raise InvalidInput("options.max_comments cannot be negative.", reason="INVALID_OPTION")
    if max_comments > limits.comments:
        raise InvalidInput(
            f"options.max_comments is {max_comments:,}; this gateway analyses at most "
            f"{limits.comments:,} comments in one call (TUBELENS_LIMIT_COMMENTS).",
            reason="INVALID_OPTION",
            metadata={"limit": str(limits.comments)},
        )
    if len(language) > 35:
        raise InvalidInput(
            "options.language must be a BCP-47 tag such as 'en' or 'ko'.", reason="INVALID_OPTION"
        )
    labels = comment_labels or comments_pb2.CommentLabelsOptions()
    return AnalysisPlan(
        tasks=tuple(dict.fromkeys(tasks or ALL_TASKS)),
        language=language,
        max_comments=max_comments or min(default_max_comments, limits.comments),
        request_id=request_id,
        labels=convert.comment_labels_page(labels, "options.comment_labels"),
        thumbnail_image=thumbnail_image,
    )


async def run_tasks(
    source: VideoSource | None,
    plan: AnalysisPlan,
    downstream: Downstream,
    deadline: float,
    cached: CachedAnalysis | None = None,
) -> AsyncIterator[gateway_pb2.TaskResult]:
    """Yields TaskResults in completion order: cached ones first, the others as they finish.
    Closing the iterator early (the caller went away) cancels the tasks still running, and with
    them their downstream calls (a computation shared with other calls goes on for them).
    `source` may be None only when `cached` holds every task."""
    hits = cached.hits if cached is not None else {}
    for task in plan.tasks:
        if task in hits:
            yield hits[task]
    computed = [task for task in plan.tasks if task not in hits]
    both = gateway_pb2.TASK_SUMMARY in computed and gateway_pb2.TASK_COMMENTS in computed
    if both and worth_handing_over():
        plan = replace(plan, handoff=LabelHandoff())  # each comment read once (label_handoff)
    running = [
        asyncio.create_task(_computed(task, source, plan, downstream, deadline, cached))
        for task in computed
    ]
    try:
        for finished in asyncio.as_completed(running):
            yield await finished
    finally:
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)


async def _computed(
    task: int,
    source: VideoSource | None,
    plan: AnalysisPlan,
    downstream: Downstream,
    deadline: float,
    cached: CachedAnalysis | None,
) -> gateway_pb2.TaskResult:
    assert source is not None, "a task missing from the cache needs its inputs"

    def run() -> Awaitable[gateway_pb2.TaskResult]:
        return run_task(task, source, plan, downstream, deadline)

    try:
        return await (cached.compute(task, run, deadline) if cached is not None else run())
    finally:
        # The summary never waits on a comments task that failed, timed out or whose answer
        # came from an identical call in flight (its own request was never sent).
        if task == gateway_pb2.TASK_COMMENTS and plan.handoff is not None:
            plan.handoff.settle(None)
