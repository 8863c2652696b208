"""TF-IDF sentence vectors, TextRank centrality and MMR selection over them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from tubelens.text import tokenize

DAMPING = 0.85
MAX_ITERATIONS = 100
TOLERANCE = 1e-8
NEAR_DUPLICATE = 0.9  # cosine above which two sentences say the same thing


@dataclass(frozen=True, slots=True)
class SentenceSpace:
    vectors: sparse.csr_matrix  # one L2-normalised TF-IDF row per sentence
    vectorizer: TfidfVectorizer

    @property
    def term_counts(self) -> np.ndarray:
        """Distinct content words per sentence."""
        return np.diff(self.vectors.indptr)

    def similarity(self) -> sparse.csr_matrix:
        return (self.vectors @ self.vectors.T).tocsr()

    def similarity_to(self, text: str) -> np.ndarray:
        """Cosine of every sentence with another text (words unknown to the space are ignored)."""
        query = self.vectorizer.transform([text])
        return np.asarray((self.vectors @ query.T).todense()).ravel()


def build_space(texts: Sequence[str], language: str | None) -> SentenceSpace | None:
    """None when the texts hold no content words at all."""
    vectorizer = TfidfVectorizer(
        analyzer=partial(tokenize, language=language), sublinear_tf=True, norm="l2"
    )
    try:
        vectors = vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return None
    return SentenceSpace(sparse.csr_matrix(vectors), vectorizer)


def textrank(similarity: sparse.spmatrix) -> np.ndarray:
    """PageRank over the sentence similarity graph; the scores add up to 1."""
    size = similarity.shape[0]
    if size == 0:
        return np.zeros(0)
    weights = sparse.csr_matrix(similarity, dtype=float, copy=True)
    weights.setdiag(0.0)
    weights.eliminate_zeros()
    out_weight = np.asarray(weights.sum(axis=1)).ravel()
    dangling = out_weight == 0  # sentences sharing no word with any other
    inverse = np.divide(1.0, out_weight, out=np.zeros(size), where=~dangling)
    transition = sparse.diags(inverse) @ weights
    scores = np.full(size, 1.0 / size)
    for _ in range(MAX_ITERATIONS):
        spread = transition.T @ scores + scores[dangling].sum() / size
        updated = (1 - DAMPING) / size + DAMPING * spread
        if np.abs(updated - scores).sum() < TOLERANCE:
            return updated
        scores = updated
    return scores


def select_diverse(
    relevance: np.ndarray,
    similarity: np.ndarray,
    count: int,
    proximity: np.ndarray | None = None,
    trade_off: float = 0.7,
) -> list[int]:
    """Maximal Marginal Relevance over n candidates: relevant ones that do not repeat each other.

    `similarity` (n x n) is content overlap; `proximity` (n x n, optional) counts as overlap
    too, so that candidates close in time to a chosen one are held back. Near-duplicates in
    content are never chosen. Returns positions into the candidates, in the order chosen.
    """
    if len(relevance) == 0 or count <= 0:
        return []
    relevance = relevance / max(float(relevance.max()), 1e-12)
    overlap = similarity if proximity is None else np.maximum(similarity, proximity)
    chosen: list[int] = []
    redundancy = np.zeros(len(relevance))
    duplicate = np.zeros(len(relevance), dtype=bool)
    while len(chosen) < min(count, len(relevance)):
        marginal = trade_off * relevance - (1 - trade_off) * redundancy
        marginal[chosen] = -np.inf
        marginal[duplicate] = -np.inf  # a repeat adds nothing at any weight
        if np.isneginf(marginal).all():
            break
        best = int(np.argmax(marginal))  # first maximum: ties go to the earlier candidate
        chosen.append(best)
        redundancy = np.maximum(redundancy, overlap[best])
        duplicate |= similarity[best] >= NEAR_DUPLICATE
    return chosen
