"""Many texts' model rows at once: one sparse matrix per model, one product, one softmax.

The same numbers as features.weighted_row and LinearTextModel.probabilities give one text at
a time (sums taken in another order: equal to about 1e-15), without numpy calls per text.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

from tubelens.text.features import DIMENSIONS, columns_of, extra_indexes
from tubelens.text.linear_model import LinearTextModel


def hashed_matrix(rows: Sequence[Counter[str]]) -> csr_matrix:
    """(texts, DIMENSIONS): 1 + log count of each feature name; colliding names add up."""
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    names = list(itertools.chain.from_iterable(rows))
    counts = np.fromiter(
        itertools.chain.from_iterable(row.values() for row in rows),
        dtype=np.float64,
        count=len(names),
    )
    columns = np.array(columns_of(names), dtype=np.int64)
    matrix = csr_matrix(
        (1.0 + np.log(counts), columns, indptr), shape=(len(rows), DIMENSIONS), dtype=np.float64
    )
    matrix.sum_duplicates()
    return matrix


def weighted_matrix(
    counts: csr_matrix, idf: np.ndarray | None, extras: Sequence[dict[str, float]]
) -> csr_matrix:
    """Rows as the models read them: times idf, L2-normalised, plus the dense extras unscaled
    (an extra landing on a hashed column adds to it, as in weighted_row)."""
    matrix = counts.copy()
    if idf is not None:
        matrix.data = matrix.data * idf[matrix.indices]
    row_of = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    norms = np.sqrt(np.bincount(row_of, weights=matrix.data**2, minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    matrix.data = matrix.data / norms[row_of]
    keys = {tuple(extra) for extra in extras if extra}
    if not keys:
        return matrix
    rows, columns, values = [], [], []
    for row, extra in enumerate(extras):
        if extra:
            columns.append(extra_indexes(tuple(extra)))
            values.append(np.fromiter(extra.values(), dtype=np.float64, count=len(extra)))
            rows.append(np.full(len(extra), row))
    dense = csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))),
        shape=matrix.shape,
    )
    return matrix + dense


def probabilities_many(model: LinearTextModel, rows: csr_matrix) -> np.ndarray:
    """(texts, classes) probabilities, in the order of model.classes."""
    if rows.shape[0] == 0:
        return np.zeros((0, len(model.classes)))
    # Only the columns some row uses are converted to float64 (not the whole weight matrix).
    used = np.unique(rows.indices)
    local = csr_matrix(
        (rows.data, np.searchsorted(used, rows.indices), rows.indptr),
        shape=(rows.shape[0], len(used)),
    )
    logits = local @ model.weights[:, used].astype(np.float64).T + model.bias
    if len(model.classes) == 2 and logits.shape[1] == 1:
        positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
        return np.column_stack([1.0 - positive, positive])
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)
