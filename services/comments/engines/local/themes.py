"""Themes: groups of comments that talk about the same things, found with TF-IDF and NMF.

Each comment's content words (tubelens.text.tokens) are weighted by TF-IDF; non-negative
matrix factorisation finds up to `max_themes` word groups, and each comment joins the group
it loads on most. NMF's "nndsvd" start is deterministic, so the same input gives the same themes.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

from services.comments.domain import Theme
from services.comments.engines.local.reading import ReadComment, sentiment_shares
from tubelens.text.tokens import tokenize_many

COMMENTS_PER_THEME = 8  # about how many comments it takes before another theme is worth finding
KEYWORDS_PER_THEME = 5
REPRESENTATIVES_PER_THEME = 3


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _tfidf(token_lists: list[list[str]]) -> tuple[csr_matrix, np.ndarray]:
    # Words in a single comment cannot tie comments together, once there are enough comments.
    min_df = 2 if len(token_lists) >= 20 else 1
    for threshold in (min_df, 1):
        vectorizer = TfidfVectorizer(analyzer=_identity, min_df=threshold, sublinear_tf=True)
        try:
            return vectorizer.fit_transform(token_lists), vectorizer.get_feature_names_out()
        except ValueError:  # no word reached min_df
            continue
    raise AssertionError("unreachable: min_df=1 keeps every token")


def _assign(matrix: csr_matrix, clusters: int) -> np.ndarray:
    """Theme index per comment; -1 for comments sharing no word with any theme."""
    if clusters == 1:
        return np.where(matrix.getnnz(axis=1) > 0, 0, -1)
    model = NMF(n_components=clusters, init="nndsvd", max_iter=400, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        loadings = model.fit_transform(matrix)
    return np.where(loadings.max(axis=1) > 0, loadings.argmax(axis=1), -1)


def _theme(
    members: np.ndarray, matrix: csr_matrix, terms: np.ndarray, docs: list[ReadComment], total: int
) -> Theme:
    rows = matrix[members]
    centroid = np.asarray(rows.mean(axis=0)).ravel()
    # Keywords: heaviest centroid words that more than one member uses, when there are several.
    used_by = np.asarray((rows > 0).sum(axis=0)).ravel()
    shared = used_by >= min(2, len(members))
    by_weight = [i for i in np.argsort(-centroid, kind="stable") if centroid[i] > 0]
    order = [i for i in by_weight if shared[i]] or by_weight
    keywords = tuple(str(terms[i]) for i in order[:KEYWORDS_PER_THEME])
    # Representatives: the members closest to the centroid (rows are L2-normalised).
    closeness = np.asarray(rows @ centroid).ravel() / (np.linalg.norm(centroid) or 1.0)
    ranked = sorted(
        range(len(members)),
        key=lambda j: (-round(float(closeness[j]), 9), -docs[members[j]].comment.like_count),
    )
    member_docs = [docs[i] for i in members]
    return Theme(
        label=", ".join(keywords[:3]),
        keywords=keywords,
        share=len(members) / total,
        sentiment=sentiment_shares(member_docs),
        representative_comment_ids=tuple(
            docs[members[j]].comment.id for j in ranked[:REPRESENTATIVES_PER_THEME]
        ),
        comment_count=len(members),
    )


def find_themes(read: Sequence[ReadComment], max_themes: int) -> tuple[Theme, ...]:
    """Up to max_themes themes, largest first; shares are of all the comments in `read`."""
    # Korean comments are read as morphemes (kiwipiepy), not whitespace words with particles.
    # Korean comments are analysed together, in kiwipiepy's worker threads.
    token_lists = tokenize_many(
        [item.comment.text for item in read], [item.language for item in read], morphemes=True
    )
    tokenized = list(zip(read, token_lists, strict=True))
    docs = [item for item, tokens in tokenized if tokens]
    if not docs or max_themes < 1:
        return ()
    matrix, terms = _tfidf([tokens for _, tokens in tokenized if tokens])
    clusters = max(1, min(max_themes, len(docs) // COMMENTS_PER_THEME, matrix.shape[1]))
    assignment = _assign(matrix, clusters)
    smallest = 2 if len(docs) >= 10 else 1  # a one-comment "theme" is noise in a big section
    themes = [
        _theme(members, matrix, terms, docs, len(read))
        for index in range(clusters)
        if len(members := np.flatnonzero(assignment == index)) >= smallest
    ]
    return tuple(sorted(themes, key=lambda theme: (-theme.comment_count, theme.label)))
