"""Run model calls side by side; when one fails, the others are cancelled, not left running.

What the cancelled calls had already sent upstream is billed all the same, so it is added to the
usage the raised error carries (the caller records a cancelled call's tries here), and so is the
usage of any other call that failed meanwhile, or that finished before the failure when
`usage_of` says how to read a result's usage: a failed task reports every request it made.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from tubelens.gemini.usage import Usage, usage_of_error


class _Spent:
    """Usage of the calls cancelled under one gather_or_cancel (shared by its tasks)."""

    def __init__(self) -> None:
        self.usage = Usage()


_CANCELLED_SPEND: ContextVar[_Spent | None] = ContextVar("cancelled_spend", default=None)


def record_cancelled(usage: Usage) -> None:
    """Called by a model call as it is cancelled, with what it had spent."""
    spent = _CANCELLED_SPEND.get()
    if spent is not None and usage.calls:
        spent.usage += usage


async def gather_or_cancel(
    *calls: Awaitable[Any], usage_of: Callable[[Any], Usage] | None = None
) -> list[Any]:
    outer = _CANCELLED_SPEND.get()
    spent = _Spent()
    token = _CANCELLED_SPEND.set(spent)  # the tasks below copy the context, and with it `spent`
    try:
        tasks = [asyncio.ensure_future(call) for call in calls]
    finally:
        _CANCELLED_SPEND.reset(token)
    try:
        return await asyncio.gather(*tasks)
    except BaseException as exc:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        extra = spent.usage + _others(tasks, exc, usage_of)
        if isinstance(exc, asyncio.CancelledError):
            if outer is not None:  # cancelled in turn: an enclosing gather bills it
                outer.usage += extra
        elif extra.calls:
            exc.usage = (usage_of_error(exc) or Usage()) + extra  # type: ignore[attr-defined]
        raise


def _others(
    tasks: list[asyncio.Future[Any]],
    raised: BaseException,
    usage_of: Callable[[Any], Usage] | None,
) -> Usage:
    """What the calls that ended on their own (failed, or finished first) spent."""
    total = Usage()
    for task in tasks:
        if not task.done() or task.cancelled():
            continue
        error = task.exception()
        if error is None:
            total += usage_of(task.result()) if usage_of else Usage()
        elif error is not raised:
            total += usage_of_error(error) or Usage()
    return total
