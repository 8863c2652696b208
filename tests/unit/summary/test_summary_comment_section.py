"""The comment-section summary: every figure, topic and quote traced back to the comments."""

from __future__ import annotations

from services.summary.engines.local.comment_section import summarize_comments
from tubelens.domain import Comment
from tubelens.text import Polarity, classify_sentiment, is_spam

LONG_PRAISE = (
    "This crust recipe is absolutely wonderful, I love how clearly you explain every single "
    "step, and my family loved the loaf so much that we baked it again the very next weekend!"
)
COMMENTS = (
    Comment("p1", LONG_PRAISE, "ana", like_count=120),
    Comment("p2", "Beautiful crust, thank you! Best recipe I have tried.", "ben", like_count=40),
    Comment("n1", "The crust burned badly, terrible timing in this recipe.", "cy", like_count=75),
    Comment("n2", "Awful audio, the crust part was hard to hear.", "di", like_count=5),
    Comment("q1", "How long should I bake the crust at 230 degrees?", "ed", like_count=60),
    Comment("q2", "Can I use rye flour for the crust?", "fay", like_count=8),
    Comment(
        "s1",
        "Check out my channel!!! Subscribe http://cheap-followers.example.biz",
        "bot",
        like_count=500,
    ),
    Comment(
        "r1",
        "Thanks so much, great question and wonderful idea!",
        "Hearth",
        like_count=300,
        parent_id="q1",
    ),
    Comment("r2", "Amazing, I love this answer so much!", "gus", like_count=900, parent_id="q1"),
)


def test_spam_and_the_uploader_are_left_out():
    assert is_spam(COMMENTS[6].text)  # the fixture's bot comment is spam by the shared rules
    summary = summarize_comments(COMMENTS, "en", channel="Hearth")
    assert summary is not None
    assert summary.comments_considered == 7
    everything = " ".join([summary.text, *summary.praise, *summary.criticism, *summary.questions])
    assert "Subscribe" not in everything and "great question" not in everything


def test_quotes_are_the_most_liked_top_level_comments_of_each_kind():
    summary = summarize_comments(COMMENTS, "en", channel="Hearth")
    assert summary.praise[0].startswith("This crust recipe is absolutely wonderful")
    assert summary.praise[0].endswith("…") and len(summary.praise[0]) <= 120
    assert summary.praise[1] == COMMENTS[1].text
    assert summary.criticism[0] == COMMENTS[2].text
    assert summary.questions[:2] == (COMMENTS[4].text, COMMENTS[5].text)
    assert not any("Amazing, I love this answer" in quote for quote in summary.praise)  # a reply


def test_text_states_figures_from_the_comments():
    summary = summarize_comments(COMMENTS, "en", channel="Hearth")
    considered = [c for c in COMMENTS if c.id not in ("s1", "r1")]
    positive = sum(classify_sentiment(c.text) is Polarity.POSITIVE for c in considered)
    negative = sum(classify_sentiment(c.text) is Polarity.NEGATIVE for c in considered)
    assert summary.topics[0] == "crust"  # in six of the seven comments
    assert "Viewers mostly talk about crust" in summary.text
    assert f"Of 7 comments, {round(100 * positive / 7)}% are positive" in summary.text
    assert f"and {round(100 * negative / 7)}% negative" in summary.text
    assert "How long should I bake the crust at 230 degrees?" in summary.text


def test_korean_frames_for_a_korean_summary():
    comments = (
        Comment("k1", "라떼아트 설명이 정말 최고예요 감사합니다", like_count=10),
        Comment("k2", "라떼아트 하트가 드디어 나왔어요 너무 좋아요", like_count=4),
        Comment("k3", "우유는 몇 도까지 데우나요?", like_count=7),
    )
    summary = summarize_comments(comments, "ko")
    assert summary.text.startswith("시청자들은 주로 라떼아트")
    assert "댓글 3개 중" in summary.text
    assert "가장 공감을 많이 받은 질문은 “우유는 몇 도까지 데우나요?”입니다." in summary.text


def test_no_comments_or_only_spam_gives_none():
    assert summarize_comments((), "en") is None
    assert summarize_comments((COMMENTS[6],), "en") is None
