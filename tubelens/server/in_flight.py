"""A cap on the calls of one kind a server takes on at once; past it, a call is refused at once
(RESOURCE_EXHAUSTED, OVERLOADED, with a retry delay) rather than taking memory it may not have."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from tubelens.errors import ResourceExhausted


class InFlight:
    def __init__(self, limit: int, what: str, setting: str = "") -> None:
        self.limit = max(1, limit)
        self.what = what  # e.g. "analyses", for the message
        self.setting = setting  # the variable that sets the limit, if one does
        self.count = 0

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        if self.count >= self.limit:
            where = f" ({self.setting})" if self.setting else ""
            raise ResourceExhausted(
                f"This server already has {self.count} {self.what} in flight, the most it "
                f"takes on at once{where}; retry in a few seconds.",
                reason="OVERLOADED",
                retry_after_seconds=5.0,
            )
        self.count += 1
        try:
            yield
        finally:
            self.count -= 1
