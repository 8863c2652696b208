"""Runs an analysis's tasks concurrently and hands back each result the moment it is ready."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from gateway.clients import Downstream
from gateway.sources import VideoSource
from gateway.tasks import TASKS, AnalysisPlan, run_task
from tubelens.errors import InvalidInput
from tubelens.limits import InputLimits
from tubelens.v1 import gateway_pb2

ALL_TASKS = (gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_COMMENTS, gateway_pb2.TASK_THUMBNAIL)


def plan_analysis(
    tasks: list[int],
    language: str,
    max_comments: int,
    default_max_comments: int,
    request_id: str,
    limits: InputLimits | None = None,
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
    return AnalysisPlan(
        tasks=tuple(dict.fromkeys(tasks or ALL_TASKS)),
        language=language,
        max_comments=max_comments or min(default_max_comments, limits.comments),
        request_id=request_id,
    )


async def run_tasks(
    source: VideoSource, plan: AnalysisPlan, downstream: Downstream, deadline: float
) -> AsyncIterator[gateway_pb2.TaskResult]:
    """Yields TaskResults in completion order. Closing the iterator early (the caller went away)
    cancels the tasks still running, and with them their downstream calls."""
    running = [
        asyncio.create_task(run_task(task, source, plan, downstream, deadline))
        for task in plan.tasks
    ]
    try:
        for finished in asyncio.as_completed(running):
            yield await finished
    finally:
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
