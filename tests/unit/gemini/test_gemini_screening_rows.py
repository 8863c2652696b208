"""Comment screening on plain rows, as the worker processes run it: the same verdicts as on the
comments themselves, sent back as positions."""

from __future__ import annotations

import pickle

from tubelens.domain import Comment
from tubelens.gemini.comment_prep import (
    batches,
    comment_tokens,
    prepare_comments,
    prepared_from,
    screen,
    screening_rows,
)

COMMENTS = (
    Comment("a", "Great bread", like_count=2),
    Comment("b", "great   BREAD", like_count=9),
    Comment("c", "Free giveaway!!! visit http://win.example now", like_count=50),
    Comment("d", "Too salty for me", like_count=5),
    Comment("e", "빵이 정말 맛있어요 😋", like_count=5),
    Comment("f", "   ", like_count=100),
    Comment("g", "x" * 4000, like_count=0),
)


def test_rows_are_plain_values_and_the_answer_is_positions() -> None:
    rows = screening_rows(COMMENTS)
    assert rows[0] == ("a", "Great bread", 2)
    screened = screen(rows, token_budget=10_000)
    assert screened.kept == (1, 3, 4, 6)  # most liked first; ties by id
    assert screened.spam == (2,) and screened.duplicates == (0,)
    sent = pickle.dumps(screened)
    assert len(sent) < len(pickle.dumps(prepare_comments(COMMENTS, 10_000).kept)) / 4


def test_positions_map_back_to_what_prepare_comments_gives() -> None:
    for budget in (0, 20, 40, 10_000):
        for screen_all in (True, False):
            whole = prepare_comments(COMMENTS, budget, screen_all=screen_all)
            rows = screen(screening_rows(COMMENTS), budget, screen_all=screen_all)
            parts = prepared_from(COMMENTS, rows)
            assert parts == whole
            assert all(any(kept is c for c in COMMENTS) for kept in parts.kept)  # the same objects
            assert parts.kept_tokens == tuple(comment_tokens(c.text) for c in parts.kept)


def test_batches_from_counted_tokens_equal_batches_counted_again() -> None:
    many = tuple(
        Comment(str(i), f"comment {i}: " + ("빵이 맛있어요" if i % 3 else "the crust " + "x" * i))
        for i in range(120)
    )
    prepared = prepare_comments(many, token_budget=10_000)
    assert len(prepared.kept) == 120
    for size in (1, 30, 200):
        assert batches(prepared.kept, size, prepared.kept_tokens) == batches(prepared.kept, size)
