"""Side-by-side model calls: when one fails, the error bills every request the task made, the
cancelled siblings' tries and the siblings that finished or failed first included."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import pytest

from tubelens.errors import Unavailable
from tubelens.gemini.concurrency import gather_or_cancel, record_cancelled
from tubelens.gemini.usage import Usage, usage_of_error


def failing_after(seconds: float, calls: int) -> Coroutine[Any, Any, None]:
    async def call() -> None:
        await asyncio.sleep(seconds)
        error = Unavailable("Gemini is down.", reason="GEMINI_UNAVAILABLE")
        error.usage = Usage(calls=calls)
        raise error

    return call()


async def cancelled_after_sending(calls: int) -> tuple[str, Usage]:
    """A call that has sent `calls` requests and is cancelled while waiting to retry."""
    try:
        await asyncio.sleep(60)
    except asyncio.CancelledError:
        record_cancelled(Usage(calls=calls))
        raise
    return "never", Usage()


async def finished(calls: int) -> tuple[str, Usage]:
    return "done", Usage(calls=calls)


async def test_a_cancelled_siblings_tries_are_billed_on_the_error() -> None:
    with pytest.raises(Unavailable) as caught:
        await gather_or_cancel(failing_after(0.05, 4), cancelled_after_sending(3))
    assert usage_of_error(caught.value).calls == 7


async def test_a_sibling_that_finished_first_is_billed_when_told_how_to_read_it() -> None:
    with pytest.raises(Unavailable) as caught:
        await gather_or_cancel(
            failing_after(0.05, 4), finished(2), usage_of=lambda result: result[1]
        )
    assert usage_of_error(caught.value).calls == 6


async def test_nested_gathers_pass_the_cancelled_spend_up() -> None:
    async def inner() -> list:
        return await gather_or_cancel(cancelled_after_sending(2), cancelled_after_sending(1))

    with pytest.raises(Unavailable) as caught:
        await gather_or_cancel(failing_after(0.05, 4), inner())
    assert usage_of_error(caught.value).calls == 7


async def test_all_finishing_returns_the_results_in_order() -> None:
    assert await gather_or_cancel(finished(1), finished(2)) == [
        ("done", Usage(calls=1)),
        ("done", Usage(calls=2)),
    ]
