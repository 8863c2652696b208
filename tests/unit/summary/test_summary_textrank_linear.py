"""TextRank and MMR without the n x n similarity matrix give what the dense formulation gave."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from services.summary.domain import SummaryRequest
from services.summary.engines.local.sentences import split_transcript
from services.summary.engines.local.similarity import (
    DAMPING,
    MAX_ITERATIONS,
    TOLERANCE,
    SentenceSpace,
    build_space,
    select_diverse,
    textrank,
)
from services.summary.engines.local.summarizer import build_summary
from tubelens.bundles import load_bundle
from tubelens.domain import Transcript, TranscriptCue

SAMPLES = ("en-sourdough", "ko-homecafe")


def dense_textrank(vectors: sparse.csr_matrix) -> np.ndarray:
    """The former definition: PageRank over the full matrix V V^T, diagonal removed."""
    size = vectors.shape[0]
    weights = (vectors @ vectors.T).toarray()
    np.fill_diagonal(weights, 0.0)
    out_weight = weights.sum(axis=1)
    dangling = out_weight == 0
    inverse = np.divide(1.0, out_weight, out=np.zeros(size), where=~dangling)
    transition = weights * inverse[:, None]
    scores = np.full(size, 1.0 / size)
    for _ in range(MAX_ITERATIONS):
        spread = transition.T @ scores + scores[dangling].sum() / size
        updated = (1 - DAMPING) / size + DAMPING * spread
        if np.abs(updated - scores).sum() < TOLERANCE:
            return updated
        scores = updated
    return scores


def sample_space(folder: Path) -> SentenceSpace:
    bundle = load_bundle(folder)
    sentences = split_transcript(bundle.transcript)
    return build_space([s.text for s in sentences], bundle.transcript.language)


def random_texts(seed: int) -> list[str]:
    """Sentences from a small shared vocabulary, with one-off words (dangling sentences),
    exact repeats and sentences of stopwords only (empty vectors)."""
    rng = random.Random(seed)
    common = ["".join(rng.choices("bcdfgklmnprstvz", k=2)) + "a" + "le" for _ in range(40)]
    texts = []
    for index in range(rng.randint(5, 120)):
        kind = rng.random()
        if kind < 0.1:
            texts.append(f"lonely{chr(97 + index % 26)}word" + "x" * (index // 26))
        elif kind < 0.15:
            texts.append("the and of it")
        elif kind < 0.25 and texts:
            texts.append(rng.choice(texts))
        else:
            texts.append(" ".join(rng.choices(common[: rng.randint(3, 40)], k=rng.randint(1, 12))))
    return texts


@pytest.mark.parametrize("name", SAMPLES)
def test_textrank_on_the_samples_matches_the_dense_formulation(name, samples):
    space = sample_space(samples / name)
    expected = dense_textrank(space.vectors)
    np.testing.assert_allclose(textrank(space), expected, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(textrank(space.similarity()), expected, rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("seed", range(40))
def test_textrank_on_random_sentences_matches_the_dense_formulation(seed):
    space = build_space(random_texts(seed), "en")
    scores = textrank(space)
    np.testing.assert_allclose(scores, dense_textrank(space.vectors), rtol=1e-9, atol=1e-15)
    assert abs(scores.sum() - 1.0) < 1e-6


@pytest.mark.parametrize("seed", range(20))
def test_textrank_on_random_sparse_vectors_matches_the_dense_formulation(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(2, 200))
    vectors = sparse.random(size, 300, density=0.02, random_state=rng, format="csr")
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    scale = np.divide(1, norms, out=np.zeros(size), where=norms > 0)  # rows left empty stay so
    vectors = sparse.csr_matrix(sparse.diags(scale) @ vectors)
    space = SentenceSpace(vectors, TfidfVectorizer())
    np.testing.assert_allclose(textrank(space), dense_textrank(vectors), rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("seed", range(20))
def test_candidate_similarities_equal_the_full_matrix_entries(seed):
    space = build_space(random_texts(seed), "en")
    full = space.similarity().toarray()
    rng = random.Random(seed)
    rows = rng.sample(range(full.shape[0]), rng.randint(1, full.shape[0]))
    block = full[rows][:, rows]
    assert np.array_equal(space.similarity(rows).toarray(), block)
    on_demand = space.similarity_rows(rows)
    for position in range(len(rows)):
        assert np.array_equal(on_demand[position], block[position])
    relevance = np.array([rng.random() for _ in rows])
    count = rng.randint(1, 6)
    assert select_diverse(relevance, on_demand, count) == select_diverse(relevance, block, count)


def test_a_summary_never_forms_the_similarity_of_all_sentences(monkeypatch, samples):
    """Only blocks of chosen sentences: the full matrix grows with the transcript squared."""
    formed = []
    similarity = SentenceSpace.similarity

    def recording(space, rows=None):
        formed.append(space.vectors.shape[0] if rows is None else len(rows))
        return similarity(space, rows)

    monkeypatch.setattr(SentenceSpace, "similarity", recording)
    words = " ".join(f"topic{chr(97 + i % 20)} talk{chr(97 + i % 7)} idea." for i in range(900))
    chunks = [words.split()[i : i + 8] for i in range(0, len(words.split()), 8)]
    cues = tuple(TranscriptCue(i * 3.0, i * 3.0 + 3.0, " ".join(c)) for i, c in enumerate(chunks))
    request = SummaryRequest(load_bundle(samples / "en-sourdough").metadata, Transcript("en", cues))
    sentences = len(split_transcript(request.transcript))
    assert sentences > 500
    summary = build_summary(request)
    assert summary.key_points and formed
    assert max(formed) < sentences
