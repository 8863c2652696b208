"""A video's comments with their replies, read page by page up to a cap.

commentThreads.list gives 100 threads a page, each with its top-level comment and at most a few
of its replies. Threads with more replies than that get theirs from comments.list, the most
replied-to first, for at most `reply_threads` threads, so quota stays bounded.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from gateway.youtube.data_api import DataApi, QuotaMeter
from gateway.youtube.parse import parse_comment
from tubelens.domain import Comment

ORDERS = ("relevance", "time")
_UNKNOWN_TIME = datetime.min.replace(tzinfo=UTC)


async def fetch_comments(
    api: DataApi, video_id: str, order: str, cap: int, reply_threads: int, meter: QuotaMeter
) -> tuple[Comment, ...]:
    """Up to `cap` comments (top-level and replies); replies follow the comment they answer."""
    threads: list[tuple[Comment, list[Comment], int]] = []  # (top, replies, totalReplyCount)
    total, token = 0, ""
    while total < cap:
        page = await api.comment_threads(video_id, order, token, meter)
        for item in page.get("items") or []:
            top, replies, reply_count = _thread(item, video_id)
            threads.append((top, replies, reply_count))
            total += 1 + len(replies)
        token = str(page.get("nextPageToken") or "")
        if not token:
            break
    missing = [t for t in threads if t[2] > len(t[1])]
    missing.sort(key=lambda thread: thread[2], reverse=True)
    for top, replies, _ in missing[:reply_threads]:
        if total >= cap:
            break
        full = await _all_replies(api, video_id, top.id, cap - total + len(replies), meter)
        total += len(full) - len(replies)
        replies[:] = full
    ordered = [comment for top, replies, _ in threads for comment in (top, *replies)]
    return tuple(ordered[:cap])


def _thread(item: dict[str, Any], video_id: str) -> tuple[Comment, list[Comment], int]:
    snippet = item.get("snippet") or {}
    top = parse_comment(snippet.get("topLevelComment") or {}, video_id)
    embedded = (item.get("replies") or {}).get("comments") or []
    replies = [_as_reply(parse_comment(reply, video_id), top.id) for reply in embedded]
    replies.sort(key=_posted)
    return top, replies, int(snippet.get("totalReplyCount", len(replies)))


async def _all_replies(
    api: DataApi, video_id: str, parent_id: str, limit: int, meter: QuotaMeter
) -> list[Comment]:
    replies: list[Comment] = []
    token = ""
    while len(replies) < limit:
        page = await api.replies(video_id, parent_id, token, meter)
        replies += [
            _as_reply(parse_comment(i, video_id), parent_id) for i in page.get("items") or []
        ]
        token = str(page.get("nextPageToken") or "")
        if not token:
            break
    replies.sort(key=_posted)
    return replies[:limit]


def _as_reply(comment: Comment, parent_id: str) -> Comment:
    """Replies always name their thread's top-level comment, even if YouTube left it out."""
    if comment.parent_id == parent_id:
        return comment
    return Comment(
        id=comment.id,
        text=comment.text,
        author=comment.author,
        like_count=comment.like_count,
        published_at=comment.published_at,
        parent_id=parent_id,
    )


def _posted(comment: Comment) -> datetime:
    return comment.published_at or _UNKNOWN_TIME
