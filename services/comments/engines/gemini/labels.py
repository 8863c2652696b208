"""Per-comment labels from what the Gemini engine knows: the model's sentiment and question
judgement for each comment it judged, the local spam screen, and the language of each comment
sent. Toxicity, requests and a sentiment score are not judged here, so they stay unset."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from services.comments.domain import Sentiment
from services.comments.labels import CommentLabel
from tubelens.domain import Comment
from tubelens.text import spam_reasons


def gemini_labels(
    comments: Sequence[Comment],
    spam_ids: Sequence[str],
    language_of: Mapping[str, str],
    sentiment: Mapping[str, Sentiment],
    question_ids: Set[str],
) -> list[CommentLabel]:
    """One label per comment in request order. `language_of` is by text (the kept comments),
    `sentiment` by id (the judged comments, the ones the aggregates count)."""
    spam = set(spam_ids)
    labels = []
    for comment in comments:
        judged = comment.id in sentiment
        labels.append(
            CommentLabel(
                comment_id=comment.id,
                language=language_of.get(comment.text, ""),
                sentiment=sentiment.get(comment.id),
                # The screen said spam; the reasons are read again for these few texts only.
                spam_reasons=tuple(spam_reasons(comment.text) or ["spam"])
                if comment.id in spam
                else (),
                is_question=(comment.id in question_ids) if judged else None,
                analyzed=judged,
            )
        )
    return labels
