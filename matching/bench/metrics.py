"""Ranking metrics shared by the evaluations: reciprocal rank and nDCG."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

CUTOFF = 10


def reciprocal_rank(grades: Sequence[float]) -> float:
    """1 / position of the first relevant item (grade > 0) in a ranked list, 0 if none."""
    for position, grade in enumerate(grades, start=1):
        if grade > 0:
            return 1.0 / position
    return 0.0


def dcg(grades: Sequence[float], k: int = CUTOFF) -> float:
    """Discounted cumulative gain of the first k items, gain 2^grade - 1."""
    return sum(
        (2.0**grade - 1.0) / math.log2(position + 1)
        for position, grade in enumerate(grades[:k], start=1)
    )


def ndcg(grades: Sequence[float], judged: Iterable[float], k: int = CUTOFF) -> float:
    """DCG@k of the ranking over the DCG@k of the best ordering of every judged grade."""
    ideal = dcg(sorted(judged, reverse=True), k)
    return dcg(grades, k) / ideal if ideal > 0 else 0.0
