"""Needs that name no skill have no holders to rank: selection must still find the best
eligible experts by the whole score, not only the nearest by meaning (issue 20)."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from matching.retrieval import ideal_score
from matching.scoring import MODALITIES, ProjectData
from matching.selection import select_candidates
from tests.matching import test_prerank as twins
from tests.matching.test_prerank import STATES, TABLE, TYPES, _python_scores

# The twin tests' population (240 experts with varied columns and cosines), shared.
vocabulary, corpus = twins.vocabulary, twins.corpus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bounded_pool")]


def _need_without_skills(rng: random.Random, case: int) -> ProjectData:
    state = rng.choice(STATES[:5])
    return ProjectData(
        id=case,
        required_skills=frozenset(),
        nice_skills=frozenset(),
        skill_names={},
        skill_ancestors={},
        subfields=frozenset(),
        languages=frozenset(["es"]),
        collaboration_type=rng.choice(TYPES),
        collaboration_type_labels=("colaboración", "collaboration"),
        modality=rng.choice(MODALITIES),
        state=state,
        state_name=state,
        hours_per_month=rng.choice([4, 10, 25]),
        sector="academia",
        utc_offset_hours=-6.0,
    )


def test_a_need_without_skills_finds_the_exact_best_experts_not_only_the_nearest(corpus, settings):
    settings.MATCHING_NEAREST_START = 5  # batches smaller than the eligible: the bound decides
    settings.MATCHING_NEAREST_MAX = 400  # batches of neighbours first (the default scans at once)
    graph, recalls = corpus["graph"], []
    for case in range(8):
        project = _need_without_skills(random.Random(300 + case), case)
        python = _python_scores(corpus["rows"], project, graph)
        fused = {pid: r.components["fused"] for pid, r in python.items() if r.eligible}
        ranked = sorted(fused.values(), reverse=True)
        k = 5
        assert len(ranked) > 3 * k, "more eligible experts than the neighbours asked for"
        rows = select_candidates(
            query_vector=corpus["query"],
            project=project,
            graph=graph,
            limit=k,
            ann_limit=k,  # as production: a few neighbours, far fewer than the eligible
            ef_search=40,
            table=TABLE,
        )
        threshold = ranked[k - 1] - 1e-4  # ties at the k-th score are all right answers
        assert all(row["profile_id"] in fused for row in rows), "only eligible experts"
        found = sum(1 for row in rows if fused[row["profile_id"]] >= threshold)
        recalls.append(found / k)
    assert min(recalls) >= 0.95, recalls


def test_no_expert_scores_above_the_ideal_expert_at_their_cosine(corpus):
    graph = corpus["graph"]
    for case in range(8):
        project = _need_without_skills(random.Random(500 + case), case)
        python = _python_scores(corpus["rows"], project, graph)
        with connection.cursor() as cursor:
            for row in corpus["rows"]:
                if python[row["profile_id"]].eligible:
                    bound = ideal_score(cursor, project, graph, row["cosine"])
                    fused = python[row["profile_id"]].components["fused"]
                    assert fused <= bound + 1e-4, (case, row["profile_id"])
