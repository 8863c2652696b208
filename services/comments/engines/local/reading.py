"""What the engine reads from each kept comment, and the summaries built from those readings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from services.comments.domain import CommentRef, LanguageShare, Sentiment, SentimentShares
from tubelens.domain import Comment
from tubelens.text import Toxicity
from tubelens.text.labels import TextLabels, label_text


@dataclass(frozen=True, slots=True)
class ReadComment:
    comment: Comment
    language: str
    sentiment: Sentiment
    is_question: bool
    score: float = 0.0  # valence in [-1, 1]
    toxicity: Toxicity = Toxicity.NONE
    is_request: bool = False


def read_comment(comment: Comment, labels: TextLabels | None = None) -> ReadComment:
    """The comment with its labels: `labels` from the analysis's one reading of every comment
    (tubelens.text.labels.label_texts), or read here for a single comment."""
    labels = labels if labels is not None else label_text(comment.text)
    return ReadComment(
        comment=comment,
        language=labels.language,
        sentiment=Sentiment(labels.polarity.value),
        is_question=labels.is_question,
        score=labels.score,
        toxicity=labels.toxicity,
        is_request=labels.is_request,
    )


def sentiment_shares(
    read: Iterable[ReadComment], weight: Callable[[ReadComment], float] = lambda _: 1.0
) -> SentimentShares:
    """Share of each polarity (weighted); all zero when there is nothing to count."""
    totals: Counter[Sentiment] = Counter()
    for item in read:
        totals[item.sentiment] += weight(item)
    total = sum(totals.values())
    if not total:
        return SentimentShares()
    return SentimentShares(
        positive=totals[Sentiment.POSITIVE] / total,
        neutral=totals[Sentiment.NEUTRAL] / total,
        negative=totals[Sentiment.NEGATIVE] / total,
    )


def like_weight(item: ReadComment) -> float:
    """A comment speaks for itself plus everyone who liked it."""
    return 1.0 + max(item.comment.like_count, 0)


def language_mix(read: Sequence[ReadComment]) -> tuple[LanguageShare, ...]:
    counts = Counter(item.language for item in read)
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(
        LanguageShare(language=language, share=count / len(read), comment_count=count)
        for language, count in ordered
    )


def most_liked(read: Iterable[ReadComment], limit: int) -> list[ReadComment]:
    """Most-liked first; ties keep the input order (sorted() is stable)."""
    return sorted(read, key=lambda item: -item.comment.like_count)[:limit]


def to_ref(item: ReadComment) -> CommentRef:
    return CommentRef(
        comment_id=item.comment.id,
        author=item.comment.author,
        text=item.comment.text,
        like_count=item.comment.like_count,
        sentiment=item.sentiment,
    )
