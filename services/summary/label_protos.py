"""SummarizeRequest.comment_labels -> the text layer's labels, when they are complete.

The gateway hands the summary the labels the comments analysis of the same call returned, so
the comment-section summary reads no comment again. Labels from an engine that leaves fields
unset (the Gemini comments engine judges no toxicity) cannot stand in for a reading: they are
dropped whole and the engine reads the comments itself, as it does without labels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tubelens.errors import InvalidInput
from tubelens.text import Polarity, Toxicity
from tubelens.text.labels import TextLabels
from tubelens.v1 import comments_pb2, common_pb2

# A verdict across comments (one text pasted by many authors); the summary reads each text
# alone, so its result is the same whether or not the comments task ran beside it.
_CROSS_COMMENT_REASONS = frozenset({"flood"})
_POLARITIES = {
    comments_pb2.SENTIMENT_POSITIVE: Polarity.POSITIVE,
    comments_pb2.SENTIMENT_NEUTRAL: Polarity.NEUTRAL,
    comments_pb2.SENTIMENT_NEGATIVE: Polarity.NEGATIVE,
}
_TOXICITIES = {
    comments_pb2.TOXICITY_NONE: Toxicity.NONE,
    comments_pb2.TOXICITY_OFFENSIVE: Toxicity.OFFENSIVE,
    comments_pb2.TOXICITY_HATE: Toxicity.HATE,
}


def comment_labels_from_proto(
    labels: Sequence[comments_pb2.CommentLabels], comments: Sequence[common_pb2.Comment]
) -> tuple[TextLabels, ...]:
    """One label per comment, or () when none were sent or some are incomplete. InvalidInput
    when they do not line up with the comments."""
    if not labels:
        return ()
    if len(labels) != len(comments):
        raise InvalidInput(
            f"comment_labels has {len(labels):,} entries for {len(comments):,} comments; send "
            "one per comment, in the same order, or none.",
            reason="INVALID_COMMENT_LABELS",
        )
    read = []
    for label, comment in zip(labels, comments, strict=True):
        if label.comment_id != comment.id:
            raise InvalidInput(
                f"comment_labels is out of order: {label.comment_id[:64]!r} stands where "
                f"comment {comment.id[:64]!r} is.",
                reason="INVALID_COMMENT_LABELS",
            )
        text = _text_labels(label)
        if text is None:
            return ()
        read.append(text)
    return tuple(read)


def _text_labels(label: comments_pb2.CommentLabels) -> TextLabels | None:
    polarity = _POLARITIES.get(label.sentiment)
    toxicity = _TOXICITIES.get(label.toxicity)
    judged = all(label.HasField(name) for name in ("sentiment_score", "is_question", "is_request"))
    if polarity is None or toxicity is None or not judged or not label.language:
        return None
    if not math.isfinite(label.sentiment_score) or abs(label.sentiment_score) > 1:
        raise InvalidInput(
            f"comment_labels of {label.comment_id[:64]!r}: sentiment_score must lie in [-1, 1].",
            reason="INVALID_COMMENT_LABELS",
        )
    return TextLabels(
        language=label.language,
        polarity=polarity,
        score=label.sentiment_score,
        toxicity=toxicity,
        spam_reasons=tuple(r for r in label.spam_reasons if r not in _CROSS_COMMENT_REASONS),
        is_question=label.is_question,
        is_request=label.is_request,
    )
