"""The component weights the engine scores with: the weight set staff adopted last
(`matching.learning.weight_set_adopt`), else the built-in `scoring.WEIGHTS`.

One cached read (the shared cache, so every process sees an adoption at once); adopting a set
forgets it. A fitted set carries the two directions' weights; the fusion of the directions is
not fitted and stays the built-in one.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from django.core.cache import cache
from django.db import transaction

from matching.models import WeightSet
from matching.scoring.rules import BUILT_IN_WEIGHTS, WEIGHTS

CACHE_KEY = "matching:adopted-weights"

Weights = Mapping[str, Mapping[str, float]]


def merged(fitted: Mapping[str, Mapping[str, float]]) -> Weights:
    """The built-in table with each direction a fitted set gives replaced (components it does
    not name keep weight 0: the fit said they do not help)."""
    table: dict[str, Mapping[str, float]] = dict(WEIGHTS)
    for direction in ("expert_fit", "project_fit"):
        given = fitted.get(direction)
        if given and sum(float(v) for v in given.values()) > 0:
            table[direction] = MappingProxyType(
                {name: float(given.get(name, 0.0)) for name in WEIGHTS[direction]}
            )
    return MappingProxyType(table)


def adopted_weights() -> tuple[str, Weights]:
    """(version, weights) of the adopted set; (BUILT_IN_WEIGHTS, WEIGHTS) when none is."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        adopted = (
            WeightSet.objects.filter(adopted_at__isnull=False)
            .order_by("-adopted_at", "-pk")
            .values_list("version", "weights")
            .first()
        )
        cached = adopted if adopted is not None else (BUILT_IN_WEIGHTS, None)
        cache.set(CACHE_KEY, cached, timeout=None)
    version, fitted = cached
    return (version, merged(fitted)) if fitted else (BUILT_IN_WEIGHTS, WEIGHTS)


def adopted_weights_forget() -> None:
    """Forget the cached read now and again when the adoption commits (a read in between
    would have cached the previous set)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
