"""Weights learned from people's decisions: L2-regularised logistic regression, numpy only.

Pure: a matrix of component values (one row per decided suggestion) and the outcomes in,
coefficients and a held-out AUC out. `matching.learning` turns the coefficients into a
versioned weight set that staff may adopt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matching.scoring.rules import WEIGHTS

COMPONENTS: tuple[str, ...] = (*WEIGHTS["expert_fit"], *WEIGHTS["project_fit"])


def fit_logistic(
    features: np.ndarray, outcomes: np.ndarray, *, l2: float = 1.0, steps: int = 50
) -> tuple[np.ndarray, float]:
    """(coefficients, intercept) minimising the log loss + l2/2 |coefficients|^2, by Newton's
    method (the problem is convex and small: a handful of components)."""
    x = np.hstack([np.ones((len(features), 1)), np.asarray(features, dtype=np.float64)])
    y = np.asarray(outcomes, dtype=np.float64)
    beta = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0  # the intercept is not shrunk
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-x @ beta))
        gradient = x.T @ (p - y) + penalty @ beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    return beta[1:], float(beta[0])


def auc(scores: Sequence[float] | np.ndarray, outcomes: Sequence[int] | np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties half)."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(outcomes).astype(bool)
    positive, negative = s[y], s[~y]
    if not len(positive) or not len(negative):
        return 0.5
    above = (positive[:, None] > negative[None, :]).sum()
    ties = (positive[:, None] == negative[None, :]).sum()
    return float((above + 0.5 * ties) / (len(positive) * len(negative)))


@dataclass(frozen=True)
class Fit:
    weights: dict[str, dict[str, float]]
    coefficients: dict[str, float]
    auc_fitted: float
    auc_current: float
    decisions: int


def weights_from(coefficients: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """Each direction's weights: the positive coefficients, summing to 1 (a component that
    does not help gets 0; a direction where none helps keeps the current weights)."""
    out: dict[str, dict[str, float]] = {}
    for direction in ("expert_fit", "project_fit"):
        names = list(WEIGHTS[direction])
        raw = {name: max(0.0, float(coefficients[name])) for name in names}
        total = sum(raw.values())
        current = WEIGHTS[direction]
        out[direction] = (
            {name: round(value / total, 4) for name, value in raw.items()}
            if total > 0
            else {name: float(current[name]) for name in names}
        )
    return out


def fit_weights(
    rows: Sequence[Mapping[str, float]],
    outcomes: Sequence[int],
    current_scores: Sequence[float],
    *,
    l2: float = 1.0,
    holdout: float = 0.25,
    seed: int = 0,
) -> Fit:
    """Fit on a random (1 - holdout) share; compare the fitted model and the current score
    (`current_scores`, e.g. the stored fused score) by AUC on the rest."""
    x = np.array([[float(row.get(name, 0.0)) for name in COMPONENTS] for row in rows])
    y = np.asarray(outcomes, dtype=np.int64)
    order = np.random.default_rng(seed).permutation(len(y))
    cut = int(len(y) * (1 - holdout))
    train, test = order[:cut], order[cut:]
    coefficients, intercept = fit_logistic(x[train], y[train], l2=l2)
    named = dict(zip(COMPONENTS, coefficients.tolist(), strict=True))
    return Fit(
        weights=weights_from(named),
        coefficients=named,
        auc_fitted=auc(x[test] @ coefficients + intercept, y[test]),
        auc_current=auc(np.asarray(current_scores, dtype=np.float64)[test], y[test]),
        decisions=len(y),
    )
