"""Chapters found in the transcript itself, where the vocabulary shifts (TextTiling-style).

Every gap between two sentences gets the cosine similarity of the words just before and just
after it; a gap deep in a valley of that curve is where one topic gives way to the next.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from math import log

import numpy as np
from scipy import sparse

from services.summary.domain import Chapter
from services.summary.engines.local.sentences import TimedSentence
from services.summary.engines.local.similarity import SentenceSpace
from tubelens.text import tokenize

MIN_CHAPTERS, MAX_CHAPTERS = 3, 8
SECONDS_PER_CHAPTER = 150  # aim: one chapter per ~2.5 minutes, within 3..8
MIN_CHAPTER_SECONDS = 20  # never shorter than this (YouTube itself wants 10 s)
MIN_SENTENCES = 9
TITLE_WORDS = 3


def topic_chapters(
    sentences: Sequence[TimedSentence],
    space: SentenceSpace,
    duration: float,
    language: str | None,
) -> list[Chapter]:
    """3-8 chapters at the strongest topic shifts, or [] when the video is too short for 3."""
    wanted = int(np.clip(round(duration / SECONDS_PER_CHAPTER), MIN_CHAPTERS, MAX_CHAPTERS))
    min_length = max(MIN_CHAPTER_SECONDS, 0.4 * duration / wanted)
    if len(sentences) < MIN_SENTENCES or duration < MIN_CHAPTERS * min_length:
        return []
    # Compare blocks about one minimum chapter long: long enough to outweigh word noise.
    window = int(np.clip(round(len(sentences) * min_length / duration), 3, 20))
    similarity = _gap_similarities(space, window)
    starts = _boundary_starts(sentences, similarity, window, wanted - 1, min_length, duration)
    if len(starts) < MIN_CHAPTERS - 1:
        return []
    bounds = [0.0, *sorted(starts), duration]
    spans = list(pairwise(bounds))
    groups = [[s.text for s in sentences if lo <= s.start < hi] for lo, hi in spans]
    titles = _titles(groups, language)
    return [Chapter(title, lo, hi) for title, (lo, hi) in zip(titles, spans, strict=True)]


def _boundary_starts(
    sentences: Sequence[TimedSentence],
    similarity: np.ndarray,
    window: int,
    wanted: int,
    min_length: float,
    duration: float,
) -> list[float]:
    """Start times of the deepest valleys, at least `min_length` apart and from either end."""
    # Near the ends a block is cut short and its similarity is noise: judge only full blocks.
    full = len(sentences) > 2 * window + 2
    first, last = (window, len(sentences) - window) if full else (1, len(sentences) - 1)
    curve = _depth_scores(_smoothed(similarity[first : last + 1]))
    depths = dict(zip(range(first, last + 1), curve, strict=True))
    values = np.fromiter(depths.values(), float)
    cutoff = values.mean() - values.std() / 2  # TextTiling's "clear valley" threshold
    starts: list[float] = []
    for gap in sorted(depths, key=lambda g: (-depths[g], g)):
        if len(starts) == wanted or (depths[gap] < cutoff and len(starts) >= 2):
            break
        # Smoothing can shift a valley by a sentence; the raw curve knows where it bottoms out.
        nearby = range(max(first, gap - 1), min(last, gap + 1) + 1)
        start = sentences[min(nearby, key=lambda g: similarity[g])].start
        if min(start, duration - start, *(abs(start - s) for s in starts)) >= min_length:
            starts.append(start)
    return starts


def _gap_similarities(space: SentenceSpace, window: int) -> np.ndarray:
    """similarity[g]: cosine between the `window` sentences before gap g and those after."""
    size = space.vectors.shape[0]
    before = _window_sums(space, [range(max(0, g - window), g) for g in range(size)])
    after = _window_sums(space, [range(g, min(size, g + window)) for g in range(size)])
    dots = np.asarray(before.multiply(after).sum(axis=1)).ravel()
    norms = np.sqrt(
        np.asarray(before.multiply(before).sum(axis=1)).ravel()
        * np.asarray(after.multiply(after).sum(axis=1)).ravel()
    )
    return np.divide(dots, norms, out=np.zeros(size), where=norms > 0)


def _window_sums(space: SentenceSpace, windows: list[range]) -> sparse.csr_matrix:
    """Row g: the sum of the sentence vectors in windows[g]."""
    rows = [g for g, window in enumerate(windows) for _ in window]
    columns = [index for window in windows for index in window]
    picker = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(windows), space.vectors.shape[0])
    )
    return (picker @ space.vectors).tocsr()


def _smoothed(curve: np.ndarray) -> np.ndarray:
    """Each point averaged with its neighbours; the edge values repeat so the ends stay level."""
    if len(curve) < 3:
        return curve.copy()
    return np.convolve(np.pad(curve, 1, mode="edge"), np.ones(3) / 3, mode="valid")


def _depth_scores(curve: np.ndarray) -> np.ndarray:
    """How far the curve climbs on both sides of each point before it turns down again.

    A climb leftwards from point i ends at the nearest j <= i where the curve rose into j
    (curve[j-1] < curve[j]); rightwards, at the nearest k >= i where it falls after k. One
    running max/min over those positions finds them all, where walking from every point would
    be quadratic along a long slope.
    """
    if len(curve) == 0:
        return curve.copy()
    positions = np.arange(len(curve))
    rises_into = np.r_[True, curve[:-1] < curve[1:]]
    falls_after = np.r_[curve[1:] < curve[:-1], True]
    left_top = np.maximum.accumulate(np.where(rises_into, positions, 0))
    right_top = np.minimum.accumulate(np.where(falls_after, positions, len(curve))[::-1])[::-1]
    return (curve[left_top] - curve) + (curve[right_top] - curve)


def _titles(groups: list[list[str]], language: str | None) -> list[str]:
    """Each chapter's most distinctive words, by class-based TF-IDF over the chapters.

    A word scores by its share of the chapter's words, discounted by how often it is said in
    the whole video, so words every chapter repeats ("gram", "minute") do not name one.
    """
    counts = [Counter(w for text in group for w in tokenize(text, language)) for group in groups]
    overall = Counter[str]()
    for count in counts:
        overall.update(count)
    average = sum(overall.values()) / max(len(counts), 1)
    titles = []
    for count in counts:
        size = max(sum(count.values()), 1)

        def score(word: str, count: Counter[str] = count, size: int = size) -> float:
            return count[word] / size * log(1 + average / overall[word])

        repeated = [word for word in count if count[word] >= 2] or list(count)
        ranked = sorted(repeated, key=lambda word: (-score(word), word))
        titles.append(" · ".join(w[:1].upper() + w[1:] for w in ranked[:TITLE_WORDS]) or "…")
    return titles
