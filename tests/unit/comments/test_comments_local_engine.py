from datetime import UTC, datetime

import pytest

from services.comments.domain import CommentsRequest, Sentiment
from services.comments.engines.local import LocalCommentsEngine
from tubelens.domain import Comment
from tubelens.errors import FailedPrecondition


def _comment(index: int, text: str, *, author: str = "", likes: int = 0) -> Comment:
    return Comment(
        id=f"c{index}",
        text=text,
        author=author or f"user{index}",
        like_count=likes,
        published_at=datetime(2024, 5, 1, tzinfo=UTC),
    )


async def _analyze(comments: list[Comment], **options):
    return await LocalCommentsEngine().analyze(CommentsRequest(comments=tuple(comments), **options))


def _shares_sum(shares) -> float:
    return shares.positive + shares.neutral + shares.negative


async def test_no_comments_is_a_failed_precondition():
    with pytest.raises(FailedPrecondition) as raised:
        await _analyze([])
    assert raised.value.reason == "NO_COMMENTS"


async def test_provenance_names_the_local_engine_and_notes_what_was_removed():
    comments = [
        _comment(1, "Great recipe, thank you!"),
        _comment(2, "Earn money fast, visit www.cash-now.biz today"),
    ]
    analysis, provenance = await _analyze(comments)
    assert (provenance.engine, provenance.model) == ("local", "tubelens-local")
    assert provenance.prompt_version.startswith("comments-local-")
    assert any("1 of 2 comments as spam" in note for note in provenance.notes)
    assert provenance.notes == analysis.notes


async def test_spam_link_is_left_out_and_counted():
    comments = [
        _comment(1, "Loved this, the crumb looks perfect"),
        _comment(2, "Cheap baskets 70% OFF 👉 bit.ly/bread-deal"),
        _comment(3, "How long do you proof it?"),
        _comment(4, "Thanks for the clear steps"),
    ]
    analysis, _ = await _analyze(comments)
    assert analysis.spam_comment_ids == ("c2",)
    assert analysis.spam_share == pytest.approx(0.25)
    assert (analysis.total_comments, analysis.analyzed_comments) == (4, 3)
    assert "c2" not in {ref.comment_id for ref in analysis.top_comments}


async def test_copy_paste_flood_from_three_authors_is_spam():
    flood = "This changed my life, everyone should watch this video twice"
    comments = [
        _comment(1, flood, author="a"),
        _comment(2, flood + "!!", author="b"),  # trivial edits still match
        _comment(3, flood.upper(), author="c"),
        _comment(4, "Nice loaf", author="d"),
    ]
    analysis, _ = await _analyze(comments)
    assert set(analysis.spam_comment_ids) == {"c1", "c2", "c3"}
    assert any("copies of one text" in note for note in analysis.notes)


async def test_same_text_from_two_authors_or_short_reactions_are_not_floods():
    comments = [
        _comment(1, "This changed my life, everyone should watch this", author="a"),
        _comment(2, "This changed my life, everyone should watch this", author="b"),
        *[_comment(3 + i, "First!", author=f"x{i}") for i in range(4)],
    ]
    analysis, _ = await _analyze(comments)
    assert analysis.spam_comment_ids == ()


async def test_repeats_by_one_author_are_dropped_once():
    comments = [_comment(i, "Thank you so much for this!", author="same") for i in range(3)]
    analysis, _ = await _analyze(comments)
    assert analysis.analyzed_comments == 1
    assert analysis.spam_comment_ids == ()
    assert any("2 repeated comments" in note for note in analysis.notes)


async def test_shares_add_up_and_like_weighting_moves_the_distribution():
    comments = [
        _comment(1, "I love this, wonderful video"),
        _comment(2, "Great explanation, thank you"),
        _comment(3, "Beautiful bread, amazing"),
        _comment(4, "Terrible audio, I could not hear anything. Awful.", likes=97),
    ]
    analysis, _ = await _analyze(comments)
    assert _shares_sum(analysis.sentiment) == pytest.approx(1.0)
    assert _shares_sum(analysis.like_weighted_sentiment) == pytest.approx(1.0)
    assert analysis.sentiment.negative == pytest.approx(0.25)
    # The complaint speaks for 98 people (1 + 97 likes) against 3.
    assert analysis.like_weighted_sentiment.negative == pytest.approx(98 / 101)


async def test_questions_most_liked_first_and_only_questions():
    comments = [
        _comment(1, "What flour do you use?", likes=3),
        _comment(2, "Looks delicious"),
        _comment(3, "우유는 어떤 걸 쓰시나요?", likes=40),
        _comment(4, "How amazing is this!!", likes=100),
        _comment(5, "Can I bake it straight from the fridge?", likes=7),
    ]
    analysis, _ = await _analyze(comments)
    assert [ref.comment_id for ref in analysis.questions] == ["c3", "c5", "c1"]
    assert analysis.questions[0].sentiment is Sentiment.NEUTRAL


async def test_top_comments_and_language_mix():
    comments = [
        _comment(1, "정말 최고예요 감사합니다", likes=5),
        _comment(2, "Best tutorial on YouTube", likes=50),
        _comment(3, "소리가 너무 작아서 잘 안 들려요", likes=1),
        _comment(4, "❤️❤️"),
    ]
    analysis, _ = await _analyze(comments)
    assert [ref.comment_id for ref in analysis.top_comments][:2] == ["c2", "c1"]
    assert analysis.top_comments[1].sentiment is Sentiment.POSITIVE
    mix = {share.language: share.comment_count for share in analysis.language_mix}
    assert mix == {"ko": 2, "en": 1, "und": 1}
    assert sum(share.share for share in analysis.language_mix) == pytest.approx(1.0)


async def test_all_spam_leaves_an_empty_but_valid_analysis():
    comments = [_comment(1, "visit www.spam-site.biz"), _comment(2, "sub4sub plz")]
    analysis, _ = await _analyze(comments)
    assert analysis.analyzed_comments == 0
    assert _shares_sum(analysis.sentiment) == 0
    assert analysis.themes == () and analysis.top_comments == ()
    assert analysis.spam_share == 1.0


async def test_output_is_deterministic():
    comments = [
        _comment(i, text, likes=i)
        for i, text in enumerate(
            [
                "Love the crumb",
                "Crumb was gummy",
                "Which flour?",
                "Flour matters a lot",
                "Oven too hot",
                "My oven runs hot too",
                "Great starter tips",
                "Starter died",
            ]
            * 3
        )
    ]
    first, _ = await _analyze(comments)
    second, _ = await _analyze(comments)
    assert first == second
