"""A video's comments with their replies, read page by page up to a cap, within a quota bound.

Comments are read in a fixed order: the threads of commentThreads.list (100 a page, each with
its top-level comment and at most five replies) and then, only if that listing ended below the
cap, the other replies of the most replied-to threads (at most `reply_threads`) from
comments.list. The order does not depend on the cap, so the first c comments read for a cap
C >= c are the ones a read for c returns: a cache can serve a smaller cap from a larger read.

Every page costs a unit, and paging.py bounds the pages: a read spends at most
max_comment_units(cap, reply_threads) whatever YouTube answers. When a page bound stops the
thread listing before its end (only short pages can), no replies are read, so that the order
stays the same for every cap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from gateway.youtube.data_api import DataApi, QuotaMeter
from gateway.youtube.paging import Listing, PageBudget, reply_pages, thread_pages
from gateway.youtube.parse import parse_comment
from tubelens.domain import Comment

ORDERS = ("relevance", "time")
_UNKNOWN_TIME = datetime.min.replace(tzinfo=UTC)


async def read_comments(
    api: DataApi, video_id: str, order: str, cap: int, reply_threads: int, meter: QuotaMeter
) -> tuple[Comment, ...]:
    """Up to `cap` comments in reading order; arranged() puts replies under their comments."""
    found: list[Comment] = []
    threads: dict[str, _Thread] = {}  # by top-level comment id, in listing order
    threads_budget = PageBudget(thread_pages(cap))
    listing = Listing(partial(api.comment_threads, video_id, order, meter=meter), threads_budget)
    while len(found) < cap and (items := await listing.next()) is not None:
        for item in items:
            top, embedded, reply_count = _thread(item, video_id)
            if top.id not in threads:  # a thread listed again (the listing shifted) counts once
                threads[top.id] = _Thread(reply_count, {reply.id for reply in embedded})
                found += [top, *embedded]
    if len(found) >= cap or not listing.ended:
        return tuple(found[:cap])  # reached the cap, or stopped by the page bound

    wanting = [(i, t) for i, t in threads.items() if t.reply_count > len(t.have)]
    wanting.sort(key=lambda pair: pair[1].reply_count, reverse=True)  # stable: ties keep order
    budget = PageBudget(reply_pages(cap, reply_threads))  # shared by the threads' listings
    for parent_id, thread in wanting[:reply_threads]:
        replies = Listing(partial(api.replies, video_id, parent_id, meter=meter), budget)
        while len(found) < cap and (items := await replies.next()) is not None:
            for item in items:
                reply = _as_reply(parse_comment(item, video_id), parent_id)
                if reply.id not in thread.have:
                    thread.have.add(reply.id)
                    found.append(reply)
    return tuple(found[:cap])


def arranged(comments: Iterable[Comment]) -> tuple[Comment, ...]:
    """Each top-level comment in reading order, followed by its replies, oldest first."""
    comments = tuple(comments)
    replies: dict[str, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    ordered: list[Comment] = []
    for comment in comments:
        if not comment.parent_id:
            ordered += [comment, *sorted(replies.get(comment.id, ()), key=_posted)]
    return tuple(ordered)


@dataclass
class _Thread:
    reply_count: int  # totalReplyCount
    have: set[str] = field(default_factory=set)  # ids of the replies read so far


def _thread(item: dict[str, Any], video_id: str) -> tuple[Comment, list[Comment], int]:
    snippet = item.get("snippet") or {}
    top = replace(parse_comment(snippet.get("topLevelComment") or {}, video_id), parent_id="")
    embedded = (item.get("replies") or {}).get("comments") or []
    replies = [_as_reply(parse_comment(reply, video_id), top.id) for reply in embedded]
    replies.sort(key=_posted)
    return top, replies, int(snippet.get("totalReplyCount", len(replies)))


def _as_reply(comment: Comment, parent_id: str) -> Comment:
    """Replies always name their thread's top-level comment, even if YouTube left it out."""
    return comment if comment.parent_id == parent_id else replace(comment, parent_id=parent_id)


def _posted(comment: Comment) -> datetime:
    return comment.published_at or _UNKNOWN_TIME
