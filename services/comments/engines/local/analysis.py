"""The local comments analysis: label every comment once, screen, then summarise the section.

Every figure is built from the same labels the caller may ask for (CommentsResult.
comment_labels): one `label_texts` reading of all comments, spam included, so a spam comment
keeps its sentiment, language and toxicity in its label while the aggregates leave it out.
"""

from __future__ import annotations

from services.comments.domain import CommentsAnalysis, CommentsRequest, ToxicityShares
from services.comments.engines.local.reading import (
    ReadComment,
    language_mix,
    like_weight,
    most_liked,
    read_comment,
    sentiment_shares,
    to_ref,
)
from services.comments.engines.local.screening import Screening, screen_comments
from services.comments.engines.local.themes import find_themes
from services.comments.engines.local.threads import find_disagreements
from services.comments.engines.local.timeline import sentiment_over_time
from services.comments.labels import FLOOD, CommentLabel, label_of, page_of
from tubelens.domain import Comment
from tubelens.errors import FailedPrecondition
from tubelens.text import Toxicity
from tubelens.text.labels import TextLabels, label_texts

DEFAULT_MAX_THEMES = 6
MAX_QUESTIONS = 10
MAX_TOP_COMMENTS = 5
MAX_REQUESTS = 10
MAX_DISAGREEMENTS = 10
# Languages whose words the sentiment analysis reads; others only count emoji.
SENTIMENT_LANGUAGES = frozenset({"en", "ko"})


def analyze_comments(request: CommentsRequest) -> CommentsAnalysis:
    if not request.comments:
        raise FailedPrecondition("The video has no comments to analyse.", reason="NO_COMMENTS")
    comments = request.comments
    texts = label_texts([comment.text for comment in comments])
    screening = screen_comments(comments, [text.is_spam for text in texts])
    read = [read_comment(comments[i], texts[i]) for i in screening.kept]
    max_themes = request.max_themes if request.max_themes > 0 else DEFAULT_MAX_THEMES
    return CommentsAnalysis(
        total_comments=len(request.comments),
        analyzed_comments=len(read),
        sentiment=sentiment_shares(read),
        like_weighted_sentiment=sentiment_shares(read, like_weight),
        themes=find_themes(read, max_themes),
        questions=tuple(
            to_ref(item) for item in most_liked(_viewer_questions(read), MAX_QUESTIONS)
        ),
        spam_share=len(screening.spam_ids) / len(request.comments),
        spam_comment_ids=screening.spam_ids,
        language_mix=language_mix(read),
        top_comments=tuple(to_ref(item) for item in most_liked(read, MAX_TOP_COMMENTS)),
        notes=_notes(request, screening, read),
        toxicity=_toxicity(read),
        requests=tuple(to_ref(item) for item in most_liked(_requests(read), MAX_REQUESTS)),
        sentiment_over_time=sentiment_over_time(
            read, request.video.published_at if request.video else None
        ),
        disagreements=find_disagreements(read, MAX_DISAGREEMENTS),
        labels_page=page_of(_labels(comments, texts, screening), request.labels)
        if request.labels
        else None,
    )


def _labels(
    comments: tuple[Comment, ...], texts: list[TextLabels], screening: Screening
) -> list[CommentLabel]:
    kept = set(screening.kept)
    return [
        label_of(
            comment.id,
            text,
            analyzed=index in kept,
            extra_reasons=(FLOOD,) if index in screening.floods else (),
        )
        for index, (comment, text) in enumerate(zip(comments, texts, strict=True))
    ]


def _requests(read: list[ReadComment]) -> list[ReadComment]:
    # Like questions, requests to the creator are top-level comments; replies answer viewers.
    return [item for item in read if item.is_request and not item.comment.is_reply]


def _toxicity(read: list[ReadComment]) -> ToxicityShares:
    if not read:
        return ToxicityShares()
    hate = sum(item.toxicity is Toxicity.HATE for item in read)
    offensive = sum(item.toxicity is Toxicity.OFFENSIVE for item in read)
    return ToxicityShares(
        hate=hate / len(read),
        offensive=offensive / len(read),
        comment_ids=tuple(item.comment.id for item in read if item.toxicity is not Toxicity.NONE),
    )


def _viewer_questions(read: list[ReadComment]) -> list[ReadComment]:
    # Questions in reply threads are mostly viewers talking to each other, not to the creator.
    return [item for item in read if item.is_question and not item.comment.is_reply]


def _notes(
    request: CommentsRequest, screening: Screening, read: list[ReadComment]
) -> tuple[str, ...]:
    notes = []
    if screening.spam_ids:
        floods = len(screening.flood_ids)
        flood_part = f", {floods} of them copies of one text from several authors" if floods else ""
        notes.append(
            f"Left out {len(screening.spam_ids)} of {len(request.comments)} comments as spam"
            f"{flood_part}."
        )
    if screening.repeat_ids:
        repeats = len(screening.repeat_ids)
        notes.append(f"Left out {repeats} repeated comments (same author, same text).")
    if not read:
        notes.append("No comment was left to analyse after screening.")
    unread = sorted({item.language for item in read} - SENTIMENT_LANGUAGES - {"und"})
    if unread:
        notes.append("Sentiment of comments in " + ", ".join(unread) + " is read from emoji only.")
    mix = language_mix(read)
    wanted = request.language or "en"
    if mix and mix[0].language not in (wanted, "und"):
        notes.append(
            f"Theme labels are the comments' own words ({mix[0].language}); "
            f"the local engine does not translate them into {wanted}."
        )
    return tuple(notes)
