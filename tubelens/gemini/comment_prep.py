"""Comments ready for a model: deduplicated, spam dropped, most liked first, cut to a budget.

Token counts are estimated (about 4 characters a token for Latin text, 1.5 for Hangul and other
CJK text), which is close enough to keep a prompt inside its budget without a tokenizer call.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tubelens.domain import Comment
from tubelens.text.spam import is_spam

MAX_COMMENT_CHARS = 1500  # longer comments are shortened; the start carries the point
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PreparedComments:
    kept: tuple[Comment, ...]  # most liked first, within the budget
    spam_ids: tuple[str, ...]
    duplicate_ids: tuple[str, ...]
    over_budget: int  # non-spam comments left out for the budget

    def notes(self) -> tuple[str, ...]:
        notes = []
        if self.duplicate_ids:
            notes.append(f"{len(self.duplicate_ids)} duplicate comment(s) were counted once.")
        if self.over_budget:
            notes.append(
                f"{self.over_budget} less-liked comment(s) did not fit the token budget and "
                "were not sent to the model."
            )
        return tuple(notes)


def estimate_tokens(text: str) -> int:
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return max(1, round(wide / 1.5 + (len(text) - wide) / 4))


def _fingerprint(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def prepare_comments(
    comments: tuple[Comment, ...], token_budget: int, *, screen_all: bool = True
) -> PreparedComments:
    """The comments to send, most liked first, until the budget is full. With `screen_all`
    every comment is screened (spam and duplicate ids are complete); without it, screening
    stops once the budget is full and the rest count as left out (a task that only needs what
    it sends saves the spam screen of every less-liked comment)."""
    seen: set[str] = set()
    spam, duplicates, kept = [], [], []
    used, left_out, full = 0, 0, False
    # Most liked first, so of two identical comments the better-liked copy is the one kept.
    for comment in sorted(comments, key=lambda c: (-c.like_count, c.id)):
        if full and not screen_all:
            left_out += 1
            continue
        key = _fingerprint(comment.text)
        if not key:
            continue
        if is_spam(comment.text):
            spam.append(comment.id)
        elif key in seen:
            duplicates.append(comment.id)
        else:
            seen.add(key)
            cost = estimate_tokens(comment.text[:MAX_COMMENT_CHARS]) + 12  # id, likes, framing
            full = full or used + cost > token_budget
            if full:
                left_out += 1
            else:
                kept.append(comment)
                used += cost
    return PreparedComments(tuple(kept), tuple(spam), tuple(duplicates), left_out)


def comment_rows(comments: tuple[Comment, ...]) -> list[dict[str, object]]:
    """The comments as data rows for a prompt: id, likes, reply flag, text."""
    return [
        {
            "id": c.id,
            "likes": c.like_count,
            "reply": c.is_reply,
            "text": c.text[:MAX_COMMENT_CHARS],
        }
        for c in comments
    ]


def batches(comments: tuple[Comment, ...], batch_tokens: int) -> list[tuple[Comment, ...]]:
    """Consecutive groups of comments of at most `batch_tokens` each (at least one comment)."""
    groups: list[tuple[Comment, ...]] = []
    current: list[Comment] = []
    used = 0
    for comment in comments:
        cost = estimate_tokens(comment.text[:MAX_COMMENT_CHARS]) + 12
        if current and used + cost > batch_tokens:
            groups.append(tuple(current))
            current, used = [], 0
        current.append(comment)
        used += cost
    if current:
        groups.append(tuple(current))
    return groups
