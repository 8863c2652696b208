"""Per-comment labels of the local analysis: the aggregates are what the labels add up to, spam
keeps its labels, and pages cut the labels in request order."""

from __future__ import annotations

from collections import Counter

import pytest

from services.comments.domain import CommentsRequest, Sentiment
from services.comments.engines.local.analysis import analyze_comments
from services.comments.label_protos import labels_wanted_from_proto
from services.comments.labels import FLOOD, LabelsWanted
from services.comments.servicer import analysis_to_proto
from tests.conftest import SAMPLES
from tubelens.bundles import load_bundle
from tubelens.domain import Comment
from tubelens.errors import InvalidInput
from tubelens.text import Toxicity
from tubelens.v1 import comments_pb2

SPAM = "Check my channel http://spam.example for a free giveaway, subscribe now!!!"
FLOOD_TEXT = "Best tutorial on the whole internet, watch my reaction video too"


def section() -> tuple[Comment, ...]:
    """A sample's real comments plus spam, a flood (one text, three authors) and a repeat."""
    real = load_bundle(SAMPLES / "en-sourdough").comments
    extra = (
        Comment("spam-1", SPAM, "bot", like_count=0),
        *(Comment(f"flood-{i}", FLOOD_TEXT, f"author-{i}") for i in range(3)),
        Comment("repeat-1", real[0].text, real[0].author),
    )
    return (*real, *extra)


@pytest.fixture(scope="module")
def everything() -> tuple[tuple[Comment, ...], object]:
    comments = section()
    wanted = LabelsWanted(offset=0, limit=len(comments))
    return comments, analyze_comments(CommentsRequest(comments=comments, labels=wanted))


def test_the_aggregates_are_what_the_labels_add_up_to(everything) -> None:
    comments, analysis = everything
    labels = analysis.labels_page.labels
    assert [label.comment_id for label in labels] == [c.id for c in comments]
    analysed = [label for label in labels if label.analyzed]
    assert analysis.analyzed_comments == len(analysed) < len(comments)
    polarity = Counter(label.sentiment for label in analysed)
    share = {kind: count / len(analysed) for kind, count in polarity.items()}
    assert analysis.sentiment.positive == pytest.approx(share[Sentiment.POSITIVE])
    assert analysis.sentiment.negative == pytest.approx(share[Sentiment.NEGATIVE])
    assert analysis.sentiment.neutral == pytest.approx(share[Sentiment.NEUTRAL])
    toxic = Counter(label.toxicity for label in analysed)
    assert analysis.toxicity.hate == pytest.approx(toxic[Toxicity.HATE] / len(analysed))
    assert analysis.toxicity.offensive == pytest.approx(toxic[Toxicity.OFFENSIVE] / len(analysed))
    assert set(analysis.toxicity.comment_ids) == {
        label.comment_id for label in analysed if label.toxicity is not Toxicity.NONE
    }
    assert analysis.spam_comment_ids == tuple(label.comment_id for label in labels if label.spam)
    assert analysis.spam_share == pytest.approx(len(analysis.spam_comment_ids) / len(comments))
    languages = Counter(label.language for label in analysed)
    assert {mix.language: mix.comment_count for mix in analysis.language_mix} == languages
    by_id = {label.comment_id: label for label in labels}
    assert analysis.questions and all(by_id[q.comment_id].is_question for q in analysis.questions)
    assert all(by_id[r.comment_id].is_request for r in analysis.requests)
    assert all(by_id[ref.comment_id].analyzed for ref in analysis.top_comments)


def test_spam_leaves_the_aggregates_but_keeps_its_labels(everything) -> None:
    _, analysis = everything
    by_id = {label.comment_id: label for label in analysis.labels_page.labels}
    spam = by_id["spam-1"]
    assert spam.spam and spam.spam_reasons and not spam.analyzed
    assert spam.sentiment is not None and spam.language == "en" and spam.toxicity is not None
    assert all(by_id[f"flood-{i}"].spam_reasons[-1] == FLOOD for i in range(3))
    repeat = by_id["repeat-1"]  # a repeat is left out, but it is not spam
    assert not repeat.spam and not repeat.analyzed and repeat.sentiment is not None


def test_a_page_cuts_the_labels_in_request_order(everything) -> None:
    comments, whole = everything
    request = CommentsRequest(comments=comments, labels=LabelsWanted(offset=5, limit=10))
    page = analyze_comments(request).labels_page
    assert page.labels == whole.labels_page.labels[5:15]
    assert (page.total, page.offset, page.truncated, page.next_offset) == (
        len(comments),
        5,
        True,
        15,
    )
    last = analyze_comments(
        CommentsRequest(comments=comments, labels=LabelsWanted(len(comments) - 2, 10))
    ).labels_page
    assert len(last.labels) == 2 and not last.truncated and last.next_offset == 0
    message = analysis_to_proto(whole)
    assert len(message.comment_labels) == len(comments)
    assert message.comment_labels_page.total == len(comments)
    assert not message.comment_labels_page.truncated


def test_no_labels_unless_asked() -> None:
    analysis = analyze_comments(CommentsRequest(comments=section()[:20]))
    assert analysis.labels_page is None
    message = analysis_to_proto(analysis)
    assert not message.comment_labels and not message.HasField("comment_labels_page")


@pytest.mark.parametrize(
    ("offset", "limit", "words"),
    [(-1, 0, "negative"), (0, -5, "negative"), (0, 100_001, "100,000")],
)
def test_bad_label_options_are_refused(offset: int, limit: int, words: str) -> None:
    request = comments_pb2.AnalyzeCommentsRequest(
        labels=comments_pb2.CommentLabelsOptions(include=True, offset=offset, limit=limit)
    )
    with pytest.raises(InvalidInput, match=words) as caught:
        labels_wanted_from_proto(request)
    assert caught.value.status_code == "INVALID_ARGUMENT"


def test_the_default_page_and_include_false() -> None:
    asked = comments_pb2.CommentLabelsOptions(include=True)
    message = comments_pb2.AnalyzeCommentsRequest(labels=asked)
    assert labels_wanted_from_proto(message) == LabelsWanted(0, 10_000)
    assert labels_wanted_from_proto(comments_pb2.AnalyzeCommentsRequest()) is None
