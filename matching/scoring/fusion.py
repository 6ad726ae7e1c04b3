"""Fusion: components into each direction's fit, and both fits into one score."""

from __future__ import annotations

import math
from collections.abc import Mapping

from matching.scoring.rules import WEIGHTS


def weighted_mean(
    direction: str,
    values: Mapping[str, float],
    table: Mapping[str, Mapping[str, float]] = WEIGHTS,
) -> float:
    weights = table[direction]
    return sum(weights[name] * values[name] for name in weights) / sum(weights.values())


def weighted_harmonic_mean(values: Mapping[str, float], weights: Mapping[str, float]) -> float:
    if any(values[name] <= 0 for name in weights):
        return 0.0
    return sum(weights.values()) / sum(weights[name] / values[name] for name in weights)


def clip(value: float) -> float:
    # A NaN from upstream (e.g. an empty embedding) must not poison the fused score.
    value = float(value)
    return min(1.0, max(0.0, value)) if math.isfinite(value) else 0.0


def contribution(
    direction: str,
    component: str,
    value: float,
    table: Mapping[str, Mapping[str, float]] = WEIGHTS,
) -> float:
    """How much of the fused score a component (or part of it) explains, for ordering."""
    fusion = table["fusion"]
    weights = table[direction]
    return (
        fusion[direction]
        / sum(fusion.values())
        * weights[component]
        / sum(weights.values())
        * value
    )
