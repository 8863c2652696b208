"""Key points: the most central sentences, varied in content and spread over the video."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from services.summary.domain import KeyPoint, SummarySource
from services.summary.engines.local.sentences import TimedSentence, readable
from services.summary.engines.local.similarity import SentenceSpace, select_diverse

MIN_TERMS = 3  # a key point must say something: three distinct content words at least
MIN_CHARS = 20
MAX_CHARS = 280  # longer caption "sentences" are run-ons that read badly as a bullet
MAX_CANDIDATES = 300  # MMR only needs the strong ones; this bounds its n x n matrices


def key_point_count(duration_seconds: float) -> int:
    """5 for short videos, one more per length band, 8 from 30 minutes on."""
    minutes = duration_seconds / 60
    return 5 + sum(minutes >= band for band in (8, 15, 30))


def pick_key_points(
    sentences: Sequence[TimedSentence],
    space: SentenceSpace,
    centrality: np.ndarray,
    count: int,
    source: SummarySource,
) -> list[KeyPoint]:
    candidates = _candidates(sentences, space.term_counts, count)
    candidates = sorted(candidates, key=lambda i: (-centrality[i], i))[:MAX_CANDIDATES]
    similarity = space.similarity(candidates).toarray()  # at most MAX_CANDIDATES squared
    starts = np.array([sentences[i].start for i in candidates])
    # Rank a few extra so that sentences sharing a cue (same timestamp) can be skipped.
    ranked = select_diverse(
        centrality[candidates], similarity, count * 2, _proximity(starts, count)
    )
    chosen: list[int] = []
    for index in (candidates[position] for position in ranked):
        if source is SummarySource.TRANSCRIPT and any(
            sentences[index].start == sentences[other].start for other in chosen
        ):
            continue
        chosen.append(index)
        if len(chosen) == count:
            break
    return [
        KeyPoint(text=readable(sentences[index].text), start=sentences[index].start, source=source)
        for index in sorted(chosen, key=lambda i: (sentences[i].start, i))
    ]


def _proximity(starts: np.ndarray, count: int) -> np.ndarray | None:
    """Closeness in time, 1 for the same moment and fading over a share of the video's span.

    Key points should walk through the video rather than cluster in its busiest minute.
    """
    span = float(starts.max() - starts.min()) if len(starts) else 0.0
    if span <= 0:
        return None  # description sentences all sit at 0:00
    scale = span / (2 * count)
    return np.exp(-np.abs(starts[:, None] - starts[None, :]) / scale)


def _candidates(
    sentences: Sequence[TimedSentence], term_counts: np.ndarray, count: int
) -> list[int]:
    strict = [
        index
        for index, sentence in enumerate(sentences)
        if term_counts[index] >= MIN_TERMS and MIN_CHARS <= len(sentence.text) <= MAX_CHARS
    ]
    if len(strict) >= count:
        return strict
    # Short or terse sources: accept anything with some content rather than too few points.
    relaxed = [index for index in range(len(sentences)) if term_counts[index] >= 2]
    return relaxed if len(relaxed) > len(strict) else strict or list(range(len(sentences)))
