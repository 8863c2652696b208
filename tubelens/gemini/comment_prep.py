"""Comments ready for a model: deduplicated, spam dropped, most liked first, cut to a budget.

Token counts are estimated (about 4 characters a token for Latin text, 1.5 for Hangul and other
CJK text), which is close enough to keep a prompt inside its budget without a tokenizer call.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

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
    kept_tokens: tuple[int, ...] | None = None  # comment_tokens of each kept comment, if known

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
    # ASCII has no wide characters; otherwise each distinct character is looked up once.
    wide = 0 if text.isascii() else sum(n for ch, n in Counter(text).items() if _is_wide(ch))
    return max(1, round(wide / 1.5 + (len(text) - wide) / 4))


@lru_cache(maxsize=8192)
def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _fingerprint(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


Row = tuple[str, str, int]  # a comment's id, text and like count: all screening reads


@dataclass(frozen=True, slots=True)
class Screened:
    """Screening's verdicts as positions in the rows screened: what a worker process sends back
    is a few integers, not the comments the server already holds."""

    kept: tuple[int, ...]  # most liked first, within the budget
    kept_tokens: tuple[int, ...]  # each kept comment's estimated tokens, for batching
    spam: tuple[int, ...]
    duplicates: tuple[int, ...]
    over_budget: int


def screening_rows(comments: Sequence[Comment]) -> tuple[Row, ...]:
    """What `screen` reads of each comment: plain values, quick to send to a worker process."""
    return tuple((c.id, c.text, c.like_count) for c in comments)


def screen(rows: Sequence[Row], token_budget: int, *, screen_all: bool = True) -> Screened:
    """The comments to send, most liked first, until the budget is full. With `screen_all`
    every comment is screened (spam and duplicates are complete); without it, screening stops
    once the budget is full and the rest count as left out (a task that only needs what it
    sends saves the spam screen of every less-liked comment)."""
    seen: set[str] = set()
    spam, duplicates, kept, kept_tokens = [], [], [], []
    used, left_out, full = 0, 0, False
    # Most liked first, so of two identical comments the better-liked copy is the one kept.
    for index in sorted(range(len(rows)), key=lambda i: (-rows[i][2], rows[i][0])):
        if full and not screen_all:
            left_out += 1
            continue
        text = rows[index][1]
        key = _fingerprint(text)
        if not key:
            continue
        if is_spam(text):
            spam.append(index)
        elif key in seen:
            duplicates.append(index)
        else:
            seen.add(key)
            cost = comment_tokens(text)
            full = full or used + cost > token_budget
            if full:
                left_out += 1
            else:
                kept.append(index)
                kept_tokens.append(cost)
                used += cost
    return Screened(tuple(kept), tuple(kept_tokens), tuple(spam), tuple(duplicates), left_out)


def prepared_from(comments: Sequence[Comment], screened: Screened) -> PreparedComments:
    """`screened`'s verdicts on `comments` (the comments its rows were made from)."""
    return PreparedComments(
        kept=tuple(comments[i] for i in screened.kept),
        spam_ids=tuple(comments[i].id for i in screened.spam),
        duplicate_ids=tuple(comments[i].id for i in screened.duplicates),
        over_budget=screened.over_budget,
        kept_tokens=screened.kept_tokens,
    )


def prepare_comments(
    comments: Sequence[Comment], token_budget: int, *, screen_all: bool = True
) -> PreparedComments:
    """`screen` in one step, on the comments themselves."""
    return prepared_from(
        comments, screen(screening_rows(comments), token_budget, screen_all=screen_all)
    )


def comment_tokens(text: str) -> int:
    """A comment's estimated cost in a prompt: its (shortened) text, its id, likes, framing."""
    return estimate_tokens(text[:MAX_COMMENT_CHARS]) + 12


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


def batches(
    comments: tuple[Comment, ...], batch_tokens: int, tokens: Sequence[int] | None = None
) -> list[tuple[Comment, ...]]:
    """Consecutive groups of comments of at most `batch_tokens` each (at least one comment).
    `tokens`: each comment's comment_tokens when screening already counted them."""
    if tokens is None:
        tokens = [comment_tokens(comment.text) for comment in comments]
    groups: list[tuple[Comment, ...]] = []
    current: list[Comment] = []
    used = 0
    for comment, cost in zip(comments, tokens, strict=True):
        if current and used + cost > batch_tokens:
            groups.append(tuple(current))
            current, used = [], 0
        current.append(comment)
        used += cost
    if current:
        groups.append(tuple(current))
    return groups
