"""What the comment section says, in figures and quotes taken from the comments themselves.

Each comment is classified once per analysis: with the labels the comments analysis of the same
call already read (SummarizeRequest.comment_labels, handed over by the gateway), or else with
one `label_texts` reading here, the same reading that analysis makes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from services.summary.domain import CommentSectionSummary
from services.summary.engines.local.phrasing import (
    frame_language,
    join_words,
    percent,
    quoted,
    shorten,
)
from tubelens.domain import Comment
from tubelens.text import Polarity, tokenize
from tubelens.text.labels import TextLabels, label_texts

TOPIC_COUNT = 5
QUOTE_COUNT = 3
CLEARLY_POSITIVE = 0.3  # praise must be more than mildly positive
THEME_SHARE = 0.1  # a criticism theme must come up in a tenth of the negative comments
TEXT_QUOTE_CHARS = 80  # quotes inside the prose are kept shorter than the listed ones
# Words every comment section uses about itself; they say nothing about this video.
_PLATFORM_WORDS = frozenset({"video", "videos", "channel", "youtube", "영상", "채널", "유튜브"})


def summarize_comments(
    comments: Sequence[Comment],
    language: str,
    channel: str = "",
    labels: Sequence[TextLabels] = (),
) -> CommentSectionSummary | None:
    """None when there are no comments, or none that is not spam or the uploader's own.
    `labels`, when given, hold one label per comment (in order) and nothing is read again."""
    pairs = _genuine(comments, channel, labels)
    genuine = [c for c, _ in pairs]
    label = dict(pairs)
    if not genuine:
        return None
    language_of = {c: label[c].language for c in genuine}
    polarity = {c: label[c].polarity for c in genuine}
    positive = [c for c in genuine if polarity[c] is Polarity.POSITIVE]
    negative = [c for c in genuine if polarity[c] is Polarity.NEGATIVE]
    # Quotes come from top-level comments: replies answer someone rather than the video.
    top_level = sorted((c for c in genuine if not c.is_reply), key=lambda c: -c.like_count)
    praise = [c for c in top_level if polarity[c] is Polarity.POSITIVE]
    praise = [c for c in praise if label[c].score >= CLEARLY_POSITIVE] or praise
    criticism = [c for c in top_level if polarity[c] is Polarity.NEGATIVE]
    questions = [c for c in top_level if label[c].is_question]
    requests = [c for c in top_level if label[c].is_request]
    topics = _frequent_words(genuine, language_of, minimum=2)[:TOPIC_COUNT]
    prose = [
        _topic_sentence(topics[:3], language),
        _share_sentence(len(genuine), len(positive), len(negative), language),
        _criticism_sentence(negative, criticism, language_of, language),
        _question_sentence(questions, language),
        _request_sentence(requests, language),
    ]
    return CommentSectionSummary(
        text=" ".join(sentence for sentence in prose if sentence),
        topics=tuple(topics),
        praise=tuple(shorten(c.text) for c in praise[:QUOTE_COUNT]),
        criticism=tuple(shorten(c.text) for c in criticism[:QUOTE_COUNT]),
        questions=tuple(shorten(c.text) for c in questions[:QUOTE_COUNT]),
        comments_considered=len(genuine),
        requests=tuple(shorten(c.text) for c in requests[:QUOTE_COUNT]),
    )


def _genuine(
    comments: Sequence[Comment], channel: str, labels: Sequence[TextLabels]
) -> list[tuple[Comment, TextLabels]]:
    """The label of each comment worth summarising (text, not spam, not the uploader's), in
    order; without `labels`, only those comments are read."""
    wanted = [i for i, c in enumerate(comments) if c.text.strip() and not _by_uploader(c, channel)]
    if labels:
        read = [labels[i] for i in wanted]
    else:
        read = label_texts([comments[i].text for i in wanted])
    return [(comments[i], text) for i, text in zip(wanted, read, strict=True) if not text.is_spam]


def _by_uploader(comment: Comment, channel: str) -> bool:
    """ "@HearthAndCrumb" wrote as the channel "Hearth & Crumb"."""

    def squeeze(name: str) -> str:
        return re.sub(r"\W", "", name.lower().replace("&", "and"))

    return bool(channel) and squeeze(comment.author) == squeeze(channel)


def _frequent_words(
    comments: Sequence[Comment], language_of: dict[Comment, str], minimum: int
) -> list[str]:
    """Words by how many comments use them (each comment counts once)."""
    spread = Counter(word for c in comments for word in set(tokenize(c.text, language_of[c])))
    ranked = sorted(spread.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, count in ranked if count >= minimum and word not in _PLATFORM_WORDS]


def _topic_sentence(topics: list[str], language: str) -> str:
    if not topics:
        return ""
    if frame_language(language) == "ko":
        return f"시청자들은 주로 {join_words(topics, language)}에 대해 이야기합니다."
    return f"Viewers mostly talk about {join_words(topics, language)}."


def _share_sentence(total: int, positive: int, negative: int, language: str) -> str:
    up, down = percent(positive, total), percent(negative, total)
    if frame_language(language) == "ko":
        return f"댓글 {total}개 중 {up}%는 긍정적이고 {down}%는 부정적입니다."
    noun = "comment" if total == 1 else "comments"
    return f"Of {total} {noun}, {up}% are positive and {down}% negative."


def _criticism_sentence(
    negative: list[Comment], top: list[Comment], language_of: dict[Comment, str], language: str
) -> str:
    korean = frame_language(language) == "ko"
    if not negative:
        return "뚜렷하게 부정적인 댓글은 없습니다." if korean else "No comment is clearly negative."
    least = max(2, round(THEME_SHARE * len(negative)))
    themes = _frequent_words(negative, language_of, minimum=least)[:2]
    if themes:
        listed = join_words(themes, language)
        if korean:
            return f"비판은 주로 {listed}에 관한 것입니다."
        return f"Criticism centres on {listed}."
    quote = quoted((top or negative)[0].text, TEXT_QUOTE_CHARS)
    if korean:
        return f"가장 공감을 많이 받은 비판은 {quote}입니다."
    return f"The most liked criticism is {quote}."


def _question_sentence(questions: list[Comment], language: str) -> str:
    if not questions:
        return ""
    quote = quoted(questions[0].text, TEXT_QUOTE_CHARS)
    if frame_language(language) == "ko":
        return f"가장 공감을 많이 받은 질문은 {quote}입니다."
    return f"The most liked question is {quote}."


def _request_sentence(requests: list[Comment], language: str) -> str:
    if not requests:
        return ""
    quote = quoted(requests[0].text, TEXT_QUOTE_CHARS)
    if frame_language(language) == "ko":
        return f"요청 댓글 {len(requests)}개 중 가장 공감을 많이 받은 것은 {quote}입니다."
    noun = "comment asks" if len(requests) == 1 else "comments ask"
    return f"{len(requests)} {noun} for something next; the most liked is {quote}."
