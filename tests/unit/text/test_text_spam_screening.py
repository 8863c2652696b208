"""The literal screen in front of the spam patterns skips searches, never verdicts; nor does
searching a pattern without its leading \\b and checking the boundary by hand."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tubelens.text import spam
from tubelens.text.literals import literal_options, required_literals
from tubelens.text.normalise import normalise
from tubelens.text.spam_links import LINK_CALLS
from tubelens.text.spam_signs import SIGNS

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
TRICKY = [
    "Check out my channel for more!!",
    "CHECK OUT MY CHANNEL",
    "sub4sub anyone? subscribe to me",
    "pls subscribe",
    "call 555-123-4567 now",
    "whatsapp +1 555 123 4567",
    "mail me at baker@example.com",
    "visit www.cheap-bread.shop today",
    "free iphone giveaway, claim your prize",
    "$50 a day from home",
    "텔레그램 @breadking 으로 연락주세요",
    "구독 부탁드려요 맞구독 해요",
    "월 300만 원 부업",
    "buy now buy now buy now buy now",
    "abcdef abcdefabcdef",
    "my new song is out, link in bio",
    "I made a video about this on youtube.com/watch?v=abc",
    "",
    "@little.loaf.co thank you!",
    "ｃｈｅｃｋ ｏｕｔ ｍｙ ｃｈａｎｎｅｌ",
    "suuuubscribe plzzz",
    "c.h.e.c.k my p.r.o.f.i.l.e",
    "get paid to watch videos, visit site dot com",
    "_subscribe_ x_subscribe subscribe_",  # "_" is a word character: no boundary at it
    "9subscribe is not a boundary either",
]


def _corpus() -> list[str]:
    texts = list(TRICKY)
    for path in sorted(SAMPLES.glob("*/comments.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bcheck(?:ed|ing)? out (?:\w+ ){0,3}?(?:my|our)\b", {"check"}),
        (r"\b(?:crypto|bitcoin)\b", {"crypto", "bitcoin"}),
        (r"su[bcs]{1,3}c?ri[bp]e?", {"su"}),
        (r"(?:whats\s?app|telegram)\W{0,3}\d", {"whats", "telegram"}),
        (r"ab+c", {"a"}),  # "b" is repeated: only the literal before it is certain
        (r"\b\d{3}[\s-]\d{4}\b", None),  # no literal at all
        (r"(?:foo|\d+)bar", {"bar"}),  # one branch without a literal: the other part decides
        (r"x?y?", None),
        (r"(?i)check", None),  # case-insensitive: a literal stands for several spellings
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (None if found is None else set(found)) == expected


def test_every_match_holds_a_required_literal() -> None:
    texts = _corpus()
    for _, _, alternatives in (*SIGNS, LINK_CALLS):
        for alternative in alternatives:
            literals = required_literals(alternative)
            if literals is None:
                continue
            for text in texts:
                match = re.search(alternative, text.lower())
                if match:
                    assert any(literal in text.lower() for literal in literals), alternative


def test_the_literals_chosen_to_share_scans_are_required_ones() -> None:
    # spam_screen picks, for each alternative, one of its required sets (to share scans)
    for sign, (_, _, alternatives) in zip(
        (*spam._SIGNS, spam._LINK_CALL), (*SIGNS, LINK_CALLS), strict=True
    ):
        for alternative in alternatives:
            guards = frozenset(
                needle
                for needle, patterns in sign.by_needle.items()
                if any(p.pattern.pattern in (alternative, alternative[2:]) for p in patterns)
            )
            options = literal_options(alternative)
            assert (guards in options) if options else not guards, alternative


def test_needles_found_through_shorter_ones_are_all_found() -> None:
    for text in _corpus():
        lowered = normalise(text)
        plain = frozenset(needle for needle in spam._NEEDLES if needle in lowered)
        assert spam._ALL.present(lowered) == plain, text
        assert spam._present(lowered) == plain, text  # the narrower sets for ASCII or Korean


def test_screened_signs_give_the_verdicts_of_the_plain_patterns() -> None:
    texts = _corpus()
    assert len(texts) > 400
    signs = (*spam._SIGNS, spam._LINK_CALL)
    for sign, (reason, _, alternatives) in zip(signs, (*SIGNS, LINK_CALLS), strict=True):
        plain = re.compile("|".join(alternatives))
        assert sign.reason == reason
        for text in texts:
            for lowered in (text.lower(), normalise(text)):
                present = frozenset(needle for needle in sign.needles if needle in lowered)
                found = sign.found_in(lowered, present)
                assert found == bool(plain.search(lowered)), (reason, text)
