"""The literal screen in front of the spam patterns skips searches, never verdicts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tubelens.text import spam
from tubelens.text.literals import required_literals
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
    for _, _, alternatives in SIGNS:
        for alternative in alternatives:
            literals = required_literals(alternative)
            if literals is None:
                continue
            for text in texts:
                match = re.search(alternative, text.lower())
                if match:
                    assert any(literal in text.lower() for literal in literals), alternative


def test_screened_signs_give_the_verdicts_of_the_plain_patterns() -> None:
    texts = _corpus()
    assert len(texts) > 400
    for sign, (reason, _, alternatives) in zip(spam._SIGNS, SIGNS, strict=True):
        plain = re.compile("|".join(alternatives))
        assert sign.reason == reason
        for text in texts:
            lowered = text.lower()
            present = frozenset(needle for needle in spam._NEEDLES if needle in lowered)
            assert sign.found_in(lowered, present) == bool(plain.search(lowered)), (reason, text)
