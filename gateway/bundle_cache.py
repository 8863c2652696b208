"""Parsed bundle parts kept between calls, so a bundle analysed again is not re-read and
re-validated (a 2,000-comment file costs tens of milliseconds to parse).

An entry is keyed by the bundle's files as they are on disk (name, size, modification time and
inode of each metadata, transcript, comments and thumbnail file), so any change to one makes
the old entry unreachable; it then ages out of the LRU. The cache is bounded by the bytes of
the files its entries were parsed from. The video file is not part of it (its digest is cached
by the video scans, by the file's identity).
"""

from __future__ import annotations

import asyncio
import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from cachetools import LRUCache

from tubelens.bundles.files import BUNDLE_FILES

T = TypeVar("T")
# Bytes of bundle files whose parsed parts are kept; parsed objects take a few times more.
MAX_SOURCE_BYTES = 32 * 1024 * 1024


# Parsing is pure Python and holds the GIL. On one thread it leaves the event loop at least
# half of it; on the default pool's several threads a burst of parses starved the loop until
# calls waiting to be picked up were cancelled by gRPC's own backlog limit.
_PARSER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-parse")


async def parse_off_loop(function: Callable[..., T], /, *args: Any) -> T:
    """`function(*args)` on the one bundle-parsing thread."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_PARSER, functools.partial(function, *args))


class BundleCache:
    def __init__(self, max_source_bytes: int = MAX_SOURCE_BYTES) -> None:
        self._entries: LRUCache[tuple, tuple[Any, int]] = LRUCache(
            maxsize=max_source_bytes, getsizeof=lambda entry: max(entry[1], 1)
        )
        self._lock = threading.Lock()  # loads run off the event loop (parse_off_loop)

    def get(self, path: Path, part: str, load: Callable[[], T], extra_key: object = None) -> T:
        """`load()`'s result for this part of the bundle at `path`, from the cache while none
        of the bundle's files changed. Errors are not cached: a broken bundle is re-read."""
        files = _signature(path)
        key = (str(path), part, files, extra_key)
        with self._lock:
            found = self._entries.get(key)
        if found is not None:
            return found[0]
        value = load()
        weight = sum(size for _, size, _, _ in files)
        if weight <= self._entries.maxsize:
            with self._lock:
                self._entries[key] = (value, weight)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _signature(path: Path) -> tuple[tuple[str, int, int, int], ...]:
    """The bundle's own files as (name, size, mtime, inode), links not followed."""
    with os.scandir(path) as entries:
        stats = [
            (entry.name, entry.stat(follow_symlinks=False))
            for entry in entries
            if entry.name in BUNDLE_FILES
        ]
    return tuple(sorted((name, st.st_size, st.st_mtime_ns, st.st_ino) for name, st in stats))
