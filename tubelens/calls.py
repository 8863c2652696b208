"""What code below the servicer may know of the call it serves, without importing gRPC: its
deadline.

The server's interceptor enters each call; engines and the worker pool read it (the pool stops
a job at the deadline and refuses one that could not start before it). The clock is
time.monotonic, which is also the asyncio loop's clock.
"""

from __future__ import annotations

import time
from contextvars import ContextVar, Token

_deadline: ContextVar[float | None] = ContextVar("tubelens_deadline", default=None)


def enter_call(seconds_left: float | None) -> Token[float | None]:
    """The current call ends `seconds_left` from now (None: no deadline)."""
    return _deadline.set(None if seconds_left is None else time.monotonic() + seconds_left)


def leave_call(token: Token[float | None]) -> None:
    _deadline.reset(token)


def time_left() -> float | None:
    """Seconds until the current call's deadline (negative once passed), or None without one."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()
