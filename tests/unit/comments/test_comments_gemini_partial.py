"""Partial results: a failed comments batch is dropped and counted, the other batches stand."""

from __future__ import annotations

import pytest

from services.comments.domain import CommentsRequest
from services.comments.engines.gemini import GeminiCommentsEngine
from services.comments.engines.gemini.coverage import BatchResult, coverage, most_telling
from services.comments.servicer import analysis_to_proto
from tests.fakes.gemini_server import (
    FakeGemini,
    Recorded,
    Reply,
    error_reply,
    finish_reply,
    json_reply,
    prompt_blocked_reply,
)
from tests.unit.comments.test_comments_gemini import comment_ids, judge_like_a_model
from tubelens.domain import Comment
from tubelens.errors import FailedPrecondition, ModelOutputInvalid, TubeLensError, Unavailable
from tubelens.gemini import Usage

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-2.5-flash-lite"
MARKER = "zz-offending-comment"
COUNT = 2_000
MARKED = 1_000  # the comment the fake blocks, by position (most liked first)
# Every text is 40 ASCII characters: 10 estimated tokens + 12 of framing = 22 per comment, so
# the default 8,000-token batches hold 363 comments: 2,000 = 5 x 363 + 185, six batches.
PER_BATCH = 8_000 // 22
BATCHES = -(-COUNT // PER_BATCH)


def text(i: int) -> str:
    body = MARKER if i == MARKED else "bread"
    return f"comment {i:04d} about {body}".ljust(40, ".")


def many_comments() -> tuple[Comment, ...]:
    # Likes fall with i, so the engine's most-liked-first order is the order of i.
    return tuple(Comment(f"c{i:04d}", text(i), like_count=COUNT - i) for i in range(COUNT))


def block_the_marked(recorded: Recorded) -> Reply:
    return (
        prompt_blocked_reply("SAFETY") if MARKER in recorded.text else judge_like_a_model(recorded)
    )


async def test_a_blocked_batch_costs_only_its_offending_half(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = block_the_marked
    engine = GeminiCommentsEngine(make_caller())

    analysis, provenance = await engine.analyze(CommentsRequest(many_comments()))

    calls = fake_gemini.calls(MODEL)
    blocked = [call for call in calls if MARKER in call.text]
    # The batch holding comment 1000 (726..1088, 363 comments) was blocked, then split once:
    # 726..906 came back, 907..1088 (182 comments, the marked one among them) was blocked again.
    assert len(calls) == BATCHES + 2 == 8
    assert [len(comment_ids(call)) for call in blocked] == [PER_BATCH, 182]
    lost = set(comment_ids(blocked[-1]))
    assert lost == {f"c{i:04d}" for i in range(907, 1089)}

    assert analysis.total_comments == COUNT
    assert analysis.analyzed_comments == COUNT - 182 == 1_818
    assert analysis.themes[0].comment_count == 1_818
    judged = {ref.comment_id for ref in analysis.top_comments}
    assert judged and not judged & lost
    cover = analysis.coverage
    assert cover is not None
    assert (cover.sent, cover.analysed, cover.dropped) == (2_000, 1_818, 182)
    assert cover.dropped_by_reason == (("MODEL_BLOCKED", 182),)
    assert (cover.batches, cover.batches_failed) == (BATCHES + 1, 1)  # 5 whole + 2 halves
    assert cover.note == (
        "182 of 2,000 comments sent to Gemini could not be read: Gemini blocked 1 batch for "
        "SAFETY. The analysis covers the other 1,818."
    )
    assert cover.note in analysis.notes and cover.note in provenance.notes
    # Every answered call is in the ledger (blocked tries too, once the caller reports them).
    assert provenance.model_calls >= len(calls) - len(blocked)

    message = analysis_to_proto(analysis)
    assert message.analyzed_comments == 1_818
    assert message.coverage.comments_sent == 2_000
    assert message.coverage.comments_analyzed == 1_818
    assert message.coverage.comments_dropped == 182
    assert [(d.reason, d.comment_count) for d in message.coverage.dropped] == [
        ("MODEL_BLOCKED", 182)
    ]
    assert message.coverage.batches_failed == 1 and message.coverage.note == cover.note


async def test_a_batch_malformed_twice_is_dropped_not_split(
    fake_gemini: FakeGemini, make_caller
) -> None:
    def malformed_for_marked(recorded: Recorded) -> Reply:
        if MARKER in recorded.text:
            return json_reply({"hacked": True})
        return judge_like_a_model(recorded)

    fake_gemini.responder = malformed_for_marked
    engine = GeminiCommentsEngine(make_caller())

    analysis, _ = await engine.analyze(CommentsRequest(many_comments()))

    assert len([c for c in fake_gemini.calls(MODEL) if MARKER in c.text]) == 2  # asked twice
    cover = analysis.coverage
    assert cover is not None
    assert cover.dropped_by_reason == (("MODEL_OUTPUT_INVALID", PER_BATCH),)
    assert analysis.analyzed_comments == COUNT - PER_BATCH
    assert "unusable even when asked again" in cover.note


async def test_a_safety_stop_in_the_answer_counts_as_blocked(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda r: (
        finish_reply("SAFETY") if MARKER in r.text else judge_like_a_model(r)
    )
    engine = GeminiCommentsEngine(make_caller())

    analysis, _ = await engine.analyze(CommentsRequest(many_comments()))

    assert analysis.coverage is not None
    assert analysis.coverage.dropped_by_reason == (("MODEL_BLOCKED", 182),)


async def test_when_every_batch_is_blocked_the_task_fails_with_the_block(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda recorded: prompt_blocked_reply("SAFETY")
    engine = GeminiCommentsEngine(make_caller())

    with pytest.raises(FailedPrecondition) as caught:
        await engine.analyze(CommentsRequest(many_comments()))

    assert caught.value.reason == "MODEL_BLOCKED"
    assert len(fake_gemini.calls(MODEL)) == 3 * BATCHES  # each batch, then its two halves, once


async def test_when_gemini_is_down_for_every_batch_the_task_fails_unavailable(
    fake_gemini: FakeGemini, make_caller
) -> None:
    fake_gemini.responder = lambda recorded: error_reply(503)
    engine = GeminiCommentsEngine(make_caller(max_attempts=2, retry_max_seconds=0.05))

    with pytest.raises(Unavailable) as caught:
        await engine.analyze(CommentsRequest(many_comments()[:700]))  # two batches

    assert caught.value.reason == "GEMINI_UNAVAILABLE"


def _result(size: int, error: TubeLensError | None = None) -> BatchResult:
    comments = tuple(Comment(f"x{i}", "text") for i in range(size))
    return BatchResult(comments, Usage(calls=1), error=error)


def test_the_most_telling_error_is_the_one_that_cost_the_most_comments() -> None:
    blocked = FailedPrecondition("blocked", reason="MODEL_BLOCKED")
    down = Unavailable("down", reason="GEMINI_UNAVAILABLE")
    invalid = ModelOutputInvalid("bad")

    assert most_telling([_result(10, blocked), _result(300, down), _result(20, invalid)]) is down
    assert most_telling([_result(50, blocked), _result(50, down)]) is blocked  # tie: first


def test_coverage_counts_comments_the_model_skipped() -> None:
    down = Unavailable("down", reason="GEMINI_UNAVAILABLE")

    cover = coverage([_result(100), _result(100, down), _result(50)], analysed=140)

    assert cover.dropped_by_reason == (("GEMINI_UNAVAILABLE", 100), ("NOT_JUDGED", 10))
    assert cover.dropped == 110 and cover.batches_failed == 1
    assert "Gemini was unavailable for 1 batch" in cover.note
    assert "left 10 comment(s) out" in cover.note


async def test_failed_batches_usage_is_in_the_ledger(fake_gemini: FakeGemini, make_caller) -> None:
    """A failed batch's billed tries (when the error carries them) are summed with the rest."""
    fake_gemini.responder = lambda r: (
        json_reply({"hacked": True}) if MARKER in r.text else judge_like_a_model(r)
    )
    caller = make_caller()
    billed = Usage(input_tokens=7_000, total_tokens=7_000, calls=2)
    real = caller.structured

    async def structured(*args: object, **kwargs: object) -> object:
        try:
            return await real(*args, **kwargs)
        except TubeLensError as exc:
            exc.usage = billed  # as the caller reports a failed call's tries
            raise

    caller.structured = structured
    engine = GeminiCommentsEngine(caller)

    analysis, provenance = await engine.analyze(CommentsRequest(many_comments()))

    assert analysis.coverage is not None and analysis.coverage.batches_failed == 1
    assert provenance.model_calls == (BATCHES - 1) + 2
    assert provenance.input_tokens == (BATCHES - 1) * 100 + 7_000  # the fake bills 100 a call
