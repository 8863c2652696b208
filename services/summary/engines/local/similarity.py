"""TF-IDF sentence vectors, TextRank centrality and MMR selection over them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

    def similarity(self, rows: Sequence[int] | None = None) -> sparse.csr_matrix:
        """Cosines among the sentences `rows` (len(rows) squared entries, often all nonzero:
        everyday words link most sentences). All sentences when None, for small spaces only."""
        among = self.vectors if rows is None else self.vectors[list(rows)]
        return (among @ among.T).tocsr()

    def similarity_rows(self, rows: Sequence[int]) -> SimilarityRows:
        """The cosines among the sentences `rows`, one row at a time, for select_diverse."""
        return SimilarityRows(self.vectors[list(rows)])

    def similarity_to(self, text: str) -> np.ndarray:
        """Cosine of every sentence with another text (words unknown to the space are ignored)."""
        query = self.vectorizer.transform([text])
        return np.asarray((self.vectors @ query.T).todense()).ravel()


class SimilarityRows:
    """Rows of a cosine matrix, each computed when asked for: MMR reads only the rows of the
    few sentences it picks, so the matrix over thousands of candidates is never held."""

    __slots__ = ("_among", "_transposed")

    def __init__(self, among: sparse.csr_matrix) -> None:
        self._among = among
        self._transposed = among.T.tocsr()

    def __getitem__(self, row: int) -> np.ndarray:
        return (self._among[row] @ self._transposed).toarray().ravel()


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


def textrank(graph: SentenceSpace | sparse.spmatrix) -> np.ndarray:
    """PageRank over the sentence similarity graph; the scores add up to 1.

    The graph is a similarity matrix, or a SentenceSpace standing for V V^T (V its vectors),
    which is never formed: it is dense in practice and grows with the square of the sentences.
    PageRank only needs W x with W = V V^T less its diagonal, and W x = V (V^T x) - diag * x.
    """
    if isinstance(graph, SentenceSpace):
        vectors = graph.vectors
        own = np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel()  # diag(V V^T)
        # Row sums of W word by word, each word weighted by its weight in the other sentences:
        # exactly 0 for a word no other sentence uses, so a sentence linked to none gets 0.
        elsewhere = np.asarray(vectors.sum(axis=0)).ravel()[vectors.indices] - vectors.data
        links = sparse.csr_matrix(
            (vectors.data * elsewhere, vectors.indices, vectors.indptr), shape=vectors.shape
        )
        out_weight = np.asarray(links.sum(axis=1)).ravel()
        return _pagerank(lambda x: vectors @ (vectors.T @ x) - own * x, out_weight, out_weight == 0)
    weights = sparse.csr_matrix(graph, dtype=float, copy=True)
    weights.setdiag(0.0)
    weights.eliminate_zeros()
    out_weight = np.asarray(weights.sum(axis=1)).ravel()
    return _pagerank(lambda x: weights.T @ x, out_weight, out_weight == 0)


def _pagerank(
    carry: Callable[[np.ndarray], np.ndarray], out_weight: np.ndarray, dangling: np.ndarray
) -> np.ndarray:
    """Power iteration; carry(x) = W^T x, W the edge weights, `dangling` rows without edges."""
    size = len(out_weight)
    if size == 0:
        return np.zeros(0)
    inverse = np.divide(1.0, out_weight, out=np.zeros(size), where=~dangling)
    scores = np.full(size, 1.0 / size)
    for _ in range(MAX_ITERATIONS):
        spread = carry(inverse * scores) + scores[dangling].sum() / size
        updated = (1 - DAMPING) / size + DAMPING * spread
        if np.abs(updated - scores).sum() < TOLERANCE:
            return updated
        scores = updated
    return scores


def select_diverse(
    relevance: np.ndarray,
    similarity: np.ndarray | SimilarityRows,
    count: int,
    proximity: np.ndarray | None = None,
    trade_off: float = 0.7,
) -> list[int]:
    """Maximal Marginal Relevance over n candidates: relevant ones that do not repeat each other.

    `similarity` (n x n, or its rows on demand) is content overlap; `proximity` (n x n,
    optional) counts as overlap too, so that candidates close in time to a chosen one are held
    back. Near-duplicates in content are never chosen. Only the chosen candidates' rows are
    read. Returns positions into the candidates, in the order chosen.
    """
    if len(relevance) == 0 or count <= 0:
        return []
    relevance = relevance / max(float(relevance.max()), 1e-12)
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
        content = np.asarray(similarity[best])
        overlap = content if proximity is None else np.maximum(content, proximity[best])
        redundancy = np.maximum(redundancy, overlap)
        duplicate |= content >= NEAR_DUPLICATE
    return chosen
