"""The comment-section summary reads handed-over labels instead of classifying again, and the
summary service refuses labels that do not line up with the comments."""

from __future__ import annotations

import pytest

from services.summary.engines.local import comment_section
from services.summary.engines.local.comment_section import summarize_comments
from services.summary.label_protos import comment_labels_from_proto
from services.summary.servicer import request_from_proto
from tests.conftest import SAMPLES
from tubelens import convert
from tubelens.bundles import load_bundle
from tubelens.errors import InvalidInput
from tubelens.text.labels import TextLabels, label_texts
from tubelens.v1 import comments_pb2, summary_pb2


def label_proto(comment_id: str, text: TextLabels) -> comments_pb2.CommentLabels:
    """A label as the comments service sends it."""
    return comments_pb2.CommentLabels(
        comment_id=comment_id,
        sentiment=comments_pb2.Sentiment.Value(f"SENTIMENT_{text.polarity.name}"),
        sentiment_score=text.score,
        spam=text.is_spam,
        spam_reasons=text.spam_reasons,
        toxicity=comments_pb2.Toxicity.Value(f"TOXICITY_{text.toxicity.name}"),
        is_question=text.is_question,
        is_request=text.is_request,
        language=text.language,
        analyzed=not text.is_spam,
    )


@pytest.fixture(scope="module")
def bundle():
    return load_bundle(SAMPLES / "en-sourdough")


def request_with_labels(bundle) -> summary_pb2.SummarizeRequest:
    comments = bundle.comments
    read = label_texts([c.text for c in comments])
    return summary_pb2.SummarizeRequest(
        video=convert.metadata_to_proto(bundle.metadata),
        comments=[convert.comment_to_proto(c) for c in comments],
        comment_labels=[label_proto(c.id, r) for c, r in zip(comments, read, strict=True)],
    )


def test_handed_labels_give_the_same_summary_without_a_second_reading(bundle, monkeypatch) -> None:
    own = summarize_comments(bundle.comments, "en", bundle.metadata.channel_title)
    request = request_from_proto(request_with_labels(bundle))
    assert len(request.comment_labels) == len(bundle.comments)

    def no_reading(texts):
        raise AssertionError(f"{len(texts)} comments read again")

    monkeypatch.setattr(comment_section, "label_texts", no_reading)
    handed = summarize_comments(
        request.comments, "en", bundle.metadata.channel_title, request.comment_labels
    )
    assert handed == own and handed.comments_considered > 0


def test_labels_that_do_not_line_up_are_refused(bundle) -> None:
    message = request_with_labels(bundle)
    del message.comment_labels[-1]
    with pytest.raises(InvalidInput, match="one per comment"):
        request_from_proto(message)
    message = request_with_labels(bundle)
    message.comment_labels[0].comment_id = "someone-else"
    with pytest.raises(InvalidInput, match="out of order"):
        request_from_proto(message)
    message = request_with_labels(bundle)
    message.comment_labels[3].sentiment_score = 7.0
    with pytest.raises(InvalidInput, match=r"\[-1, 1\]"):
        request_from_proto(message)


def test_incomplete_labels_are_read_again_and_floods_left_to_the_comments_task(bundle) -> None:
    message = request_with_labels(bundle)
    message.comment_labels[2].ClearField("is_request")  # an engine that does not judge it
    assert comment_labels_from_proto(message.comment_labels, message.comments) == ()
    message = request_with_labels(bundle)
    message.comment_labels[0].spam_reasons[:] = ["flood"]
    labels = comment_labels_from_proto(message.comment_labels, message.comments)
    assert labels[0].spam_reasons == () and len(labels) == len(message.comments)
