"""The spread rule reads another project's threshold only when it cannot settle the question
more cheaply: when `top` of that project's own pool already score above the candidate there,
the candidate is in nobody's first `top` (issue 20). The counts must not change."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from matching import spread
from matching.selection import select_candidates
from matching.spread import prominent_elsewhere
from tests.matching import test_prerank as twins
from tests.matching.test_prerank import TABLE, _project, _unit

# The twin tests' population (240 experts with varied columns and cosines), shared.
vocabulary, corpus = twins.vocabulary, twins.corpus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bounded_pool")]


def _others(corpus: dict, count: int) -> list[tuple[int, object, np.ndarray]]:
    noise = np.random.default_rng(9)
    return [
        (
            case,
            _project(random.Random(700 + case), corpus, case),
            _unit(corpus["query"] + 0.3 * _unit(noise.normal(size=corpus["query"].shape))),
        )
        for case in range(2, 2 + count)
    ]


def test_the_spread_rule_counts_the_same_while_reading_fewer_thresholds(corpus, monkeypatch):
    graph = corpus["graph"]
    read = []
    real_threshold = spread._threshold  # noqa: SLF001 - counted, not replaced

    def counting_threshold(*args: object, **kwargs: object) -> float | None:
        read.append(1)
        return real_threshold(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(spread, "_threshold", counting_threshold)
    others = _others(corpus, 8)
    compared = 0
    bounded_reads = every_reads = 0
    for case in range(4):
        project = _project(random.Random(600 + case), corpus, case)
        candidates = select_candidates(
            query_vector=corpus["query"],
            project=project,
            graph=graph,
            limit=40,
            ann_limit=10,
            ef_search=40,
            table=TABLE,
        )
        if not candidates:
            continue
        kwargs = {
            "candidates": candidates,
            "project_id": 1000 + case,
            "others": others,
            "graph": graph,
            "top": 3,
            "table": TABLE,
        }
        read.clear()
        bounded = prominent_elsewhere(**kwargs)  # type: ignore[arg-type]
        bounded_reads += len(read)
        with monkeypatch.context() as every:
            every.setattr(spread, "_outranked", lambda *a, **k: set())
            every.setattr(spread, "Counter", lambda *a, **k: Counter())  # nothing settled
            read.clear()
            exhaustive = prominent_elsewhere(**kwargs)  # type: ignore[arg-type]
            every_reads += len(read)
        assert bounded == exhaustive, case
        compared += 1
    assert compared >= 3
    assert every_reads > 0, "the cases ask for thresholds"
    assert bounded_reads < every_reads, (bounded_reads, every_reads)
