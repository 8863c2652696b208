"""Data API listings (commentThreads.list, comments.list) read page by page within page bounds.

The bounds for a read of `cap` comments: a commentThreads page holds 100 threads, so
ceil(cap/100) full pages reach the cap; a comments.list page holds 100 replies and only each
thread's last page can be part-full, so fewer than `cap` replies of at most reply_threads
threads fit in ceil(cap/100) + reply_threads pages. Full pages never hit these bounds; short
pages and tokens that never end do, so a read spends at most max_comment_units() units.

A listing ends at its last page, at a token it was given before, at a page that lists nothing
it had not listed already, or when its budget is spent. The budget may be shared by several
listings, so their pages together stay within one bound whatever YouTube answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from gateway.youtube.data_api import PAGE_SIZE, UNITS_PER_LIST_CALL


def thread_pages(cap: int) -> int:
    return -(-cap // PAGE_SIZE)  # ceil(cap / PAGE_SIZE) in integers


def reply_pages(cap: int, reply_threads: int) -> int:
    return thread_pages(cap) + reply_threads if reply_threads > 0 else 0


def max_comment_units(cap: int, reply_threads: int) -> int:
    """The most Data API units read_comments can spend for `cap` comments."""
    return (thread_pages(cap) + reply_pages(cap, reply_threads)) * UNITS_PER_LIST_CALL


PageFetch = Callable[[str], Awaitable[dict[str, Any]]]  # page token ("" first) -> the answer


@dataclass
class PageBudget:
    pages_left: int


class Listing:
    """One listing's pages in order, charged to a budget that other listings may share."""

    def __init__(self, fetch: PageFetch, budget: PageBudget) -> None:
        self._fetch = fetch
        self._budget = budget
        self._token = ""
        self._tokens: set[str] = {""}
        self._listed: set[str] = set()
        self.ended = False  # True only when the listing itself ended, not the budget

    async def next(self) -> list[dict[str, Any]] | None:
        """The next page's items; None once the listing ended or the budget is spent."""
        if self.ended or self._budget.pages_left <= 0:
            return None
        self._budget.pages_left -= 1
        page = await self._fetch(self._token)
        items = [item for item in page.get("items") or [] if isinstance(item, dict)]
        new_ids = {str(item.get("id", "")) for item in items} - self._listed
        self._listed |= new_ids
        self._token = str(page.get("nextPageToken") or "")
        self.ended = not self._token or self._token in self._tokens or not new_ids
        self._tokens.add(self._token)
        return items
