"""The comment-section summary in parts: one blocked comment costs its part, not the summary."""

from __future__ import annotations

import json
import re

import pytest

from services.summary.domain import SummaryRequest
from services.summary.engines.gemini import GeminiSummaryEngine
from services.summary.engines.gemini.comment_section import summarize_comment_section
from tests.fakes.gemini_server import (
    FakeGemini,
    Recorded,
    Reply,
    error_reply,
    json_reply,
    prompt_blocked_reply,
)
from tubelens.bundles import load_bundle
from tubelens.domain import Comment

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

MODEL = "gemini-2.5-flash"
MARKER = "zz-offending-comment"
COUNT = 2_000
MARKED = 1_000
# 40-character texts: 22 estimated tokens each, so a 12,500-token part holds 568 comments and
# 2,000 comments make four parts: 0..567, 568..1135 (the marked one), 1136..1703, 1704..1999.
PER_PART = 12_500 // 22
# The whole 60,000-token comment budget in parts of 12,500 tokens (the defaults read a quarter of
# it in two parts), so that four parts show the partial results.
FOUR_PARTS = {"comment_section_token_budget": 60_000, "comment_section_part_tokens": 12_500}
TLDR = {
    "tldr": "A loaf.",
    "key_points": [],
    "chapters": [{"title": "All", "start_seconds": 0}],
    "language": "en",
}


def text(i: int) -> str:
    body = MARKER if i == MARKED else "bread"
    return f"comment {i:04d} about {body}".ljust(40, ".")


def many_comments() -> tuple[Comment, ...]:
    return tuple(Comment(f"c{i:04d}", text(i), like_count=COUNT - i) for i in range(COUNT))


def rows(recorded: Recorded, name: str) -> list[dict]:
    block = re.search(rf'<data name="{name}">\n(.*)\n</data>', recorded.text, re.S)
    assert block is not None
    return json.loads(block.group(1))


def answer(recorded: Recorded) -> Reply:
    """Parts are summarised from their rows, blocked when they hold the marked comment; the
    combine call echoes which parts it was given."""
    fields = recorded.generation_config["responseSchema"]["properties"]
    if "tldr" in fields:
        return json_reply(TLDR)
    if "praise_ids" not in fields:
        parts = rows(recorded, "comment_section_parts")
        return json_reply(
            {"text": "Combined: " + " | ".join(p["text"] for p in parts), "topics": ["bread"]}
        )
    if MARKER in recorded.text:
        return prompt_blocked_reply("SAFETY")
    ids = [row["id"] for row in rows(recorded, "comments")]
    return json_reply(
        {
            "text": f"part from {ids[0]} to {ids[-1]}",
            "topics": ["bread", ids[0]],
            "praise_ids": [ids[1], "made-up"],
            "criticism_ids": [],
            "question_ids": [ids[-1]],
        }
    )


@pytest.fixture
def request_(samples) -> SummaryRequest:
    bundle = load_bundle(samples / "en-sourdough")
    return SummaryRequest(bundle.metadata, bundle.transcript, many_comments(), "en")


async def test_a_blocked_part_is_left_out_and_the_rest_is_summarised(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    fake_gemini.responder = answer
    caller = make_caller(**FOUR_PARTS)

    summary, usage, notes = await summarize_comment_section(caller, MODEL, request_, "en")

    calls = fake_gemini.calls(MODEL)
    part_calls = [
        c for c in calls if "praise_ids" in c.generation_config["responseSchema"]["properties"]
    ]
    sizes = sorted((rows(c, "comments")[0]["id"], len(rows(c, "comments"))) for c in part_calls)
    assert [size for _, size in sizes] == [568, 568, 568, 296]  # parts run at once: any order
    assert max(len(c.text) for c in part_calls) < 60_000  # bounded parts, not one 258k request
    (combine,) = [c for c in calls if c not in part_calls]
    assert [p["part"] for p in rows(combine, "comment_section_parts")] == [1, 2, 3]
    assert MARKER not in combine.text

    assert summary is not None
    assert summary.text == (
        "Combined: part from c0000 to c0567 | part from c1136 to c1703 | part from c1704 to c1999"
    )
    assert summary.comments_considered == COUNT - PER_PART == 1_432
    assert summary.praise == (text(1), text(1137), text(1705))  # most liked first
    assert summary.questions == (text(567), text(1703), text(1999))
    assert summary.topics == ("bread",)
    assert usage.calls >= 4  # three parts and the combine (the blocked try too, once reported)
    assert "The comment section was summarised in 4 parts." in notes
    assert (
        "568 of 2,000 comments (1 of 4 parts) were left out of the comment summary: Gemini "
        "blocked 1 part for SAFETY. It is drawn from the other 1,432."
    ) in notes


async def test_the_summary_engine_keeps_the_comment_summary_and_the_note(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    fake_gemini.responder = answer
    engine = GeminiSummaryEngine(make_caller(summary_mode="transcript", **FOUR_PARTS))

    summary, provenance = await engine.summarize(request_)

    assert summary.tldr == "A loaf."
    assert summary.comment_summary is not None
    assert summary.comment_summary.comments_considered == 1_432
    assert any("Gemini blocked 1 part for SAFETY" in note for note in summary.notes)
    assert any("Gemini blocked 1 part for SAFETY" in note for note in provenance.notes)
    assert provenance.model_calls >= 5  # the summary, three parts, the combine


async def test_a_failed_combine_falls_back_to_the_most_liked_part(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    def no_combine(recorded: Recorded) -> Reply:
        fields = recorded.generation_config["responseSchema"]["properties"]
        if "praise_ids" not in fields:
            return error_reply(400, "bad request")
        return answer(recorded)

    fake_gemini.responder = no_combine

    summary, _, notes = await summarize_comment_section(
        make_caller(**FOUR_PARTS), MODEL, request_, "en"
    )

    assert summary is not None and summary.text == "part from c0000 to c0567"
    assert summary.comments_considered == 1_432
    assert summary.topics[0] == "bread"
    assert any("could not be combined" in note for note in notes)


async def test_when_every_part_is_blocked_there_is_no_comment_summary(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    fake_gemini.responder = lambda r: prompt_blocked_reply("SAFETY")

    summary, _, notes = await summarize_comment_section(
        make_caller(**FOUR_PARTS), MODEL, request_, "en"
    )

    assert summary is None
    assert len(fake_gemini.calls(MODEL)) == 4  # four parts, no combine
    assert len(notes) == 1 and notes[0].startswith("The comment section was not summarised:")


async def test_a_small_comment_section_is_one_call_as_before(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    fake_gemini.responder = answer
    few = SummaryRequest(request_.video, None, many_comments()[:50], "en")

    summary, usage, notes = await summarize_comment_section(
        make_caller(**FOUR_PARTS), MODEL, few, "en"
    )

    assert len(fake_gemini.calls(MODEL)) == 1 and usage.calls == 1
    assert summary is not None and summary.text == "part from c0000 to c0049"
    assert not any("parts" in note for note in notes)


async def test_by_default_the_comment_section_reads_the_most_liked_quarter_of_the_budget(
    fake_gemini: FakeGemini, make_caller, request_: SummaryRequest
) -> None:
    """The comments task reads the whole 60,000-token budget; the comment-section summary reads
    the 15,000 most-liked tokens of it, in two parts, so the text goes up once at full rate."""
    fake_gemini.responder = answer
    caller = make_caller()
    settings = caller.settings
    assert settings.comment_section_token_budget * 4 == settings.comment_token_budget

    summary, _, notes = await summarize_comment_section(caller, MODEL, request_, "en")

    part_calls = [
        c
        for c in fake_gemini.calls(MODEL)
        if "praise_ids" in c.generation_config["responseSchema"]["properties"]
    ]
    sent = sorted(row["id"] for c in part_calls for row in rows(c, "comments"))
    assert len(part_calls) == 2
    assert sent == [f"c{i:04d}" for i in range(len(sent))]  # the most liked, none skipped
    assert len(sent) == 15_000 // 22
    assert summary is not None and summary.comments_considered == len(sent)
    assert "The comment section was summarised in 2 parts." in notes
