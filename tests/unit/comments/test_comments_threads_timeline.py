from datetime import UTC, datetime, timedelta

import pytest

from services.comments.domain import CommentsRequest
from services.comments.engines.local.analysis import analyze_comments
from services.comments.engines.local.reading import read_comment
from services.comments.engines.local.threads import find_disagreements
from services.comments.engines.local.timeline import sentiment_over_time
from services.comments.servicer import analysis_to_proto
from tubelens.domain import Comment, VideoMetadata

PUBLISHED = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _comment(cid: str, text: str, *, parent: str = "", hours: float = 1.0, likes: int = 0):
    return Comment(
        id=cid,
        text=text,
        author=f"@{cid}",
        like_count=likes,
        published_at=PUBLISHED + timedelta(hours=hours),
        parent_id=parent,
    )


def test_a_reply_that_says_it_disagrees_is_found():
    read = [
        read_comment(_comment("p", "Bulk fermentation should always double in size.")),
        read_comment(_comment("r", "That's not true, 50% rise is plenty", parent="p")),
        read_comment(_comment("a", "Same here, thanks for the tip", parent="p")),
    ]
    found = find_disagreements(read, limit=5)
    assert [(d.parent.comment_id, d.reply.comment_id, d.reason) for d in found] == [
        ("p", "r", "contradiction")
    ]


def test_korean_contradiction_and_opposite_judgement():
    read = [
        read_comment(_comment("p", "이 영상 최고예요 정말 감동적이에요")),
        read_comment(_comment("r", "그건 아닌데요, 설명이 너무 빨라요", parent="p")),
        read_comment(_comment("q", "정말 최악이다 시간 아깝다", parent="p")),
    ]
    reasons = {d.reply.comment_id: d.reason for d in find_disagreements(read, limit=5)}
    assert reasons == {"r": "contradiction", "q": "opposite_sentiment"}


def test_a_helpful_answer_to_a_complaint_is_not_a_disagreement():
    read = [
        read_comment(_comment("p", "Mine came out flat and dense, terrible.")),
        read_comment(_comment("r", "Try a stronger starter, it works great for me!", parent="p")),
    ]
    assert find_disagreements(read, limit=5) == ()


def test_sentiment_over_time_groups_by_periods_since_publication():
    read = [
        read_comment(_comment("a", "Love it, brilliant!", hours=1)),
        read_comment(_comment("b", "Awful, a waste of time.", hours=2)),
        read_comment(_comment("c", "Wonderful tutorial, thank you", hours=30)),
        read_comment(_comment("d", "Still the best video on this", hours=24 * 200)),
    ]
    periods = sentiment_over_time(read, PUBLISHED)
    assert [(p.start_hours, p.end_hours, p.comment_count) for p in periods] == [
        (0.0, 6.0, 2),
        (24.0, 72.0, 1),
        (4350.0, 6540.0, 1),
    ]
    assert periods[0].sentiment.positive == pytest.approx(0.5)
    assert sentiment_over_time(read, None) == ()


def test_analysis_and_proto_carry_toxicity_requests_time_and_disagreements():
    comments = (
        _comment("c1", "Please make a video on rye bread!", likes=40),
        _comment("c2", "You are an idiot, this recipe is garbage", likes=1),
        _comment("c3", "Lovely loaf, thank you", likes=9, hours=50),
        _comment("c4", "That's wrong, it is a great recipe", parent="c2", likes=5),
    )
    video = VideoMetadata(video_id="abcdefghijk", title="Bread", published_at=PUBLISHED)
    analysis = analyze_comments(CommentsRequest(comments=comments, video=video))
    assert [ref.comment_id for ref in analysis.requests] == ["c1"]
    assert analysis.toxicity.comment_ids == ("c2",)
    assert analysis.toxicity.offensive == pytest.approx(0.25)
    assert sum(p.comment_count for p in analysis.sentiment_over_time) == 4
    assert [d.reply.comment_id for d in analysis.disagreements] == ["c4"]
    message = analysis_to_proto(analysis)
    assert list(message.toxicity.comment_ids) == ["c2"]
    assert message.requests[0].comment_id == "c1"
    assert message.disagreements[0].reason == "contradiction"
    assert len(message.sentiment_over_time) == len(analysis.sentiment_over_time)
