"""The two or three sentence TL;DR: what the video covers, then the sentences that say so best."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from services.summary.engines.local.phrasing import frame_language, join_words
from services.summary.engines.local.sentences import readable
from services.summary.engines.local.similarity import SentenceSpace, select_diverse
from tubelens.domain import VideoMetadata
from tubelens.text import tokenize

TOPIC_COUNT = 3
QUOTED_SENTENCES = 2
MIN_CHARS, MAX_CHARS = 30, 220  # a TL;DR sentence must be a sentence, not a paragraph
# How much "says what the title and description announce" counts against plain centrality,
# which in how-to videos favours busy sentences full of quantities.
GIST_WEIGHT = 0.6


def main_topics(texts: Sequence[str], video: VideoMetadata, language: str | None) -> list[str]:
    """Words found in the most sentences; words of the title and tags count double."""
    spread = Counter(word for text in texts for word in set(tokenize(text, language)))
    named = set(tokenize(" ".join([video.title, *video.tags]), language))
    ranked = sorted(spread, key=lambda word: (-spread[word] * (2 if word in named else 1), word))
    return [word for word in ranked if spread[word] >= 2][:TOPIC_COUNT] or ranked[:TOPIC_COUNT]


def pick_tldr_sentences(
    texts: Sequence[str], space: SentenceSpace | None, centrality: np.ndarray, gist: str
) -> list[int]:
    """Sentences both central to the video and close to what its title and blurb announce."""
    candidates = [i for i, text in enumerate(texts) if MIN_CHARS <= len(text) <= MAX_CHARS]
    candidates = candidates or list(range(len(texts)))
    if space is None or not candidates:
        return candidates[:1]
    relevance = (1 - GIST_WEIGHT) * _scaled(centrality) + GIST_WEIGHT * _scaled(
        space.similarity_to(gist)
    )
    # Every sentence of fitting length is a candidate; MMR reads the rows of the few it picks.
    similarity = space.similarity_rows(candidates)
    chosen = select_diverse(relevance[candidates], similarity, QUOTED_SENTENCES)
    return sorted(candidates[position] for position in chosen)


def _scaled(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def write_tldr(
    video: VideoMetadata, quoted: Sequence[str], topics: Sequence[str], language: str
) -> str:
    parts = [_frame(video, list(topics), language)] if topics or video.title.strip() else []
    parts += [readable(text) for text in quoted]
    return " ".join(part for part in parts if part)


def _frame(video: VideoMetadata, topics: list[str], language: str) -> str:
    title = f"“{video.title.strip()}”" if video.title.strip() else ""
    channel = video.channel_title.strip()
    listed = join_words(topics, language)
    if frame_language(language) == "ko":
        subject = " ".join(part for part in (f"{channel}의" if channel else "", title) if part)
        subject = f"{subject} 영상" if subject else "이 영상"
        return f"{subject}은 {listed}에 관한 내용입니다." if listed else f"{subject}입니다."
    if not listed:
        return f"The video is {title}{f' by {channel}' if channel else ''}."
    if channel and title:
        return f"In {title}, {channel} talks about {listed}."
    return f"{title or 'The video'} is about {listed}."
