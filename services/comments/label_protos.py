"""Per-comment labels <-> protobuf, for the comments servicer (the page asked for and given)."""

from __future__ import annotations

from services.comments.domain import Sentiment
from services.comments.labels import CommentLabel, LabelsPage, LabelsWanted
from tubelens import convert
from tubelens.text import Toxicity
from tubelens.v1 import comments_pb2

SENTIMENTS = {
    Sentiment.POSITIVE: comments_pb2.SENTIMENT_POSITIVE,
    Sentiment.NEUTRAL: comments_pb2.SENTIMENT_NEUTRAL,
    Sentiment.NEGATIVE: comments_pb2.SENTIMENT_NEGATIVE,
}
TOXICITIES = {
    Toxicity.NONE: comments_pb2.TOXICITY_NONE,
    Toxicity.OFFENSIVE: comments_pb2.TOXICITY_OFFENSIVE,
    Toxicity.HATE: comments_pb2.TOXICITY_HATE,
}


def labels_wanted_from_proto(message: comments_pb2.AnalyzeCommentsRequest) -> LabelsWanted | None:
    """The page asked for; InvalidInput for a negative or over-cap option."""
    page = convert.comment_labels_page(message.labels, "labels")
    return LabelsWanted(*page) if page is not None else None


def label_to_proto(label: CommentLabel) -> comments_pb2.CommentLabels:
    message = comments_pb2.CommentLabels(
        comment_id=label.comment_id,
        spam=label.spam,
        spam_reasons=label.spam_reasons,
        language=label.language,
        analyzed=label.analyzed,
    )
    if label.sentiment is not None:
        message.sentiment = SENTIMENTS[label.sentiment]
    if label.score is not None:
        message.sentiment_score = label.score
    if label.toxicity is not None:
        message.toxicity = TOXICITIES[label.toxicity]
    if label.is_question is not None:
        message.is_question = label.is_question
    if label.is_request is not None:
        message.is_request = label.is_request
    return message


def add_labels_page(result: comments_pb2.CommentsResult, page: LabelsPage) -> None:
    result.comment_labels.extend(label_to_proto(label) for label in page.labels)
    result.comment_labels_page.CopyFrom(
        comments_pb2.CommentLabelsPage(
            total=page.total,
            offset=page.offset,
            truncated=page.truncated,
            next_offset=page.next_offset,
        )
    )
