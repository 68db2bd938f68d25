"""Logistic regression, small and exact: the models that rank interpretations and say how
likely the first one fits (interpretations.attaching) are two of these.

Pure Python, no Django: the data sets are a few hundred rows of a dozen figures, so Newton's
method on the full Hessian converges in a few steps and needs no numerical library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Logistic:
    weights: tuple[float, ...]
    bias: float

    def logit(self, features: Sequence[float]) -> float:
        return self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))

    def probability(self, features: Sequence[float]) -> float:
        return _sigmoid(self.logit(features))


def fit(rows: Sequence[tuple[Sequence[float], bool]], *, l2: float = 0.01) -> Logistic:
    """Logistic regression by Newton's method, with a small L2 penalty on the weights."""
    size = len(rows[0][0]) + 1
    beta = [0.0] * size
    for _ in range(50):
        gradient = [0.0] * size
        hessian = [[0.0] * size for _ in range(size)]
        for features, label in rows:
            x = (*features, 1.0)
            p = _sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))
            for i in range(size):
                gradient[i] += (p - label) * x[i]
                for j in range(size):
                    hessian[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(size - 1):
            gradient[i] += l2 * beta[i]
            hessian[i][i] += l2
        step = _solve(hessian, gradient)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return Logistic(tuple(round(b, 4) for b in beta[:-1]), round(beta[-1], 4))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems here have a dozen unknowns)."""
    n = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(n)]
    for column in range(n):
        pivot = max(range(column, n), key=lambda r: abs(rows[r][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        if abs(rows[column][column]) < 1e-12:
            continue
        for r in range(n):
            if r != column:
                factor = rows[r][column] / rows[column][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column], strict=True)]
    return [rows[i][n] / rows[i][i] if abs(rows[i][i]) > 1e-12 else 0.0 for i in range(n)]
