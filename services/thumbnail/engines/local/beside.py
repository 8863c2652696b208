"""One helper thread per process, for the face search to run beside the text reading.

Both spend their time in C++ with the GIL released (OpenCV's cascade, tesseract's LSTM), so
when a core is free a review takes about the longer of the two instead of their sum (en-sourdough
at load average 7: 315 ms in a row, 245 ms side by side). It costs no CPU: on a busy machine
the two simply take turns.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
_executor: ThreadPoolExecutor | None = None
_owner = 0  # the process that made the executor: its thread does not survive a fork


def beside(function: Callable[..., T], /, *args: Any) -> Future[tuple[T, float]]:
    """Starts `function(*args)` on this process's helper thread; the future gives its result
    and the wall milliseconds it took."""
    global _executor, _owner
    if _executor is None or _owner != os.getpid():
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thumbnail-beside")
        _owner = os.getpid()
    return _executor.submit(_timed, function, *args)


def _timed(function: Callable[..., T], *args: Any) -> tuple[T, float]:
    started = time.perf_counter()
    result = function(*args)
    return result, round((time.perf_counter() - started) * 1000, 1)
