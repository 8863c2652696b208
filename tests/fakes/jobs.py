"""Jobs for the worker-pool tests: plain module-level functions a worker process can import."""

from __future__ import annotations

import os
import signal
import time

from tubelens.errors import InvalidInput


def square(value: int) -> int:
    return value * value


def pid() -> int:
    return os.getpid()


def spin(seconds: float, marker: str = "") -> int:
    """Burns CPU for `seconds`; writes its pid to `marker` first, so a test can watch it."""
    if marker:
        with open(marker, "w", encoding="utf-8") as out:
            out.write(str(os.getpid()))
    end, count = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        count += 1
    return count


def refuse(reason: str) -> None:
    raise InvalidInput("That input is refused.", reason=reason, metadata={"field": "x"})


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)
