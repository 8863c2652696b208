"""The reduce step: batch answers merged into one analysis built from the real comments."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from services.comments.domain import (
    CommentRef,
    LanguageShare,
    Sentiment,
    SentimentShares,
    Theme,
)
from services.comments.engines.gemini.schema import CommentsBatchOut
from tubelens.domain import Comment

MAX_QUESTIONS = 10
MAX_TOP_COMMENTS = 5
MAX_REPRESENTATIVES = 3


def judgements(
    answers: Iterable[CommentsBatchOut], comments: dict[str, Comment]
) -> tuple[dict[str, Sentiment], set[str]]:
    """Sentiment per real comment id, and the ids of real questions; unknown ids are ignored."""
    sentiment: dict[str, Sentiment] = {}
    questions: set[str] = set()
    for answer in answers:
        for judged in answer.judgements:
            if judged.id in comments and judged.id not in sentiment:
                sentiment[judged.id] = Sentiment(judged.sentiment)
                if judged.is_question:
                    questions.add(judged.id)
    return sentiment, questions


def shares(sentiment: dict[str, Sentiment], weights: dict[str, float]) -> SentimentShares:
    totals: Counter[Sentiment] = Counter()
    for comment_id, polarity in sentiment.items():
        totals[polarity] += weights.get(comment_id, 1.0)
    whole = sum(totals.values())
    if not whole:
        return SentimentShares()
    return SentimentShares(
        positive=totals[Sentiment.POSITIVE] / whole,
        neutral=totals[Sentiment.NEUTRAL] / whole,
        negative=totals[Sentiment.NEGATIVE] / whole,
    )


def themes(
    answers: Iterable[CommentsBatchOut],
    comments: dict[str, Comment],
    sentiment: dict[str, Sentiment],
    limit: int,
) -> tuple[Theme, ...]:
    """Themes with the same label (case-insensitive) across batches become one."""
    ids: dict[str, list[str]] = defaultdict(list)
    members_of: dict[str, set[str]] = defaultdict(set)  # ids[key] as a set: a list scan is O(n)
    keywords: dict[str, list[str]] = defaultdict(list)
    labels: dict[str, str] = {}
    for answer in answers:
        for theme in answer.themes:
            key = theme.label.strip().casefold()
            labels.setdefault(key, theme.label.strip())
            keywords[key].extend(k.strip() for k in theme.keywords if k.strip())
            members, seen = ids[key], members_of[key]
            for i in theme.comment_ids:
                if i in sentiment and i not in seen:
                    seen.add(i)
                    members.append(i)
    analysed = len(sentiment) or 1
    merged = []
    for key, members in ids.items():
        if not members:
            continue
        ranked = sorted(members, key=lambda i: -comments[i].like_count)
        merged.append(
            Theme(
                label=labels[key],
                keywords=tuple(dict.fromkeys(keywords[key]))[:5],
                share=len(members) / analysed,
                sentiment=shares({i: sentiment[i] for i in members}, {}),
                representative_comment_ids=tuple(ranked[:MAX_REPRESENTATIVES]),
                comment_count=len(members),
            )
        )
    merged.sort(key=lambda theme: -theme.comment_count)
    return tuple(merged[:limit])


def refs(
    ids: Iterable[str], comments: dict[str, Comment], sentiment: dict[str, Sentiment], limit: int
) -> tuple[CommentRef, ...]:
    """The most liked of `ids` as references to the real comments."""
    ranked = sorted(ids, key=lambda i: (-comments[i].like_count, i))[:limit]
    return tuple(
        CommentRef(i, comments[i].author, comments[i].text, comments[i].like_count, sentiment[i])
        for i in ranked
    )


def language_mix(languages: Iterable[str]) -> tuple[LanguageShare, ...]:
    """Shares of the analysed comments' languages (detected in the worker pool)."""
    counts = Counter(languages)
    whole = sum(counts.values()) or 1
    return tuple(
        LanguageShare(language, count / whole, count) for language, count in counts.most_common()
    )
