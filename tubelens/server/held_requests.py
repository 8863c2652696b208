"""A bound on the request bytes a server holds at once, across all its calls in flight.

Workers and queues bound how much work a service does at once, but every call admitted also
holds its request (and its conversion to domain objects, about four times its size) until it
ends. Large requests arriving together could hold gigabytes; past this bound a call is refused
before its servicer converts anything. One call is always let in, however large, so every
request the message limit allows can be served alone.
"""

from __future__ import annotations

from tubelens.errors import ResourceExhausted
from tubelens.settings import ENV_PREFIX

MiB = 1024 * 1024


class HeldRequests:
    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes  # 0: no bound
        self.held = 0

    def take(self, size: int) -> None:
        if self.limit_bytes and self.held and self.held + size > self.limit_bytes:
            raise ResourceExhausted(
                f"This server holds {self.held / MiB:,.1f} MiB of requests in flight and this "
                f"one has {size / MiB:,.1f} MiB; it holds at most "
                f"{self.limit_bytes / MiB:,.0f} MiB ({ENV_PREFIX}REQUESTS_MB). Retry in a moment.",
                reason="OVERLOADED",
                retry_after_seconds=2.0,
            )
        self.held += size

    def give_back(self, size: int) -> None:
        self.held -= size
