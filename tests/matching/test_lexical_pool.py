"""The lexical branch of the candidate pool: an expert who holds neither a wanted skill nor a
related one and is not among the nearest neighbours, but whose words cover the need's, is
lifted by the fused score into the exact top; the pool must see them (make bench, nice_only,
issue 21)."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest
from django.db import connection

from matching.scoring import ProjectData
from matching.selection import select_candidates, vector_literal
from tests.matching import test_prerank as twins
from tests.matching.test_prerank import (
    DIM,
    TABLE,
    TERMS,
    _expert_row,
    _python_scores,
    _rows_with_cosine,
    _unit,
)

# The twin tests' population (240 experts with varied columns and cosines), shared.
vocabulary, corpus = twins.vocabulary, twins.corpus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bounded_pool")]

WORDY = 999
NEED = {"acuif": 3.0, "aquif": 3.0, "groun": 2.0, "@hydrology": 6.0, "agua": 1.0, "water": 1.0}


def _need(corpus: dict) -> ProjectData:
    graph = corpus["graph"]
    wanted = [str(s) for s in corpus["family"][:2]]
    return ProjectData(
        id=1,
        required_skills=frozenset(),
        nice_skills=frozenset(wanted),
        skill_names={s: graph.names[s] for s in wanted},
        skill_ancestors={s: graph.ancestors.get(s, frozenset()) for s in wanted},
        subfields=frozenset(),
        languages=frozenset(["es"]),
        collaboration_type="mentoring",
        collaboration_type_labels=("mentoría", "mentoring"),
        modality="remote",
        state="14",
        state_name="Jalisco",
        hours_per_month=10,
        sector="academia",
        utc_offset_hours=-6.0,
        need_terms=NEED,
    )


def _add_wordy_expert(corpus: dict) -> list[dict]:
    """An eligible expert with no skill at all, every need term and a far vector."""
    row = _expert_row(random.Random(9), WORDY, corpus, corpus["query"])
    noise = _unit(np.random.default_rng(WORDY).normal(size=DIM))
    far = _unit(0.5 * corpus["query"] + 0.5 * noise * 1.2)
    row |= {
        "embedding": vector_literal(far),
        "is_available": True,
        "capacity_left": 3,
        "languages": ["es"],
        "language_levels": '{"es": "native"}',
        "collaboration_types": ["mentoring"],
        "skill_ids": [],
        "modality_preference": "either",
        "hours_per_month": 10,
        "pending_invitations": 0,
        "lexical_terms": sorted(TERMS),
    }
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} ({', '.join(row)}) VALUES ({', '.join(['%s'] * len(row))})",
            list(row.values()),
        )
    return _rows_with_cosine(corpus["query"])


def test_an_expert_sharing_the_needs_rare_words_enters_the_selection_without_skills_or_nearness(
    corpus, settings
):
    graph = corpus["graph"]
    rows = _add_wordy_expert(corpus)
    project = _need(corpus)
    wanted = {int(s) for s in project.nice_skills}
    related = wanted | {int(r) for s in project.nice_skills for r in graph.related(s)}
    python = _python_scores(rows, replace(project, need_terms=None), graph, need=NEED)
    eligible = sorted(
        (r for r in rows if python[r["profile_id"]].eligible), key=lambda r: -r["cosine"]
    )
    exact = sorted(eligible, key=lambda r: -python[r["profile_id"]].score)
    wordy = next(r for r in eligible if r["profile_id"] == WORDY)
    assert not related & set(wordy["skill_ids"]), "holds neither a wanted nor a related skill"
    assert wordy not in eligible[:5], "not among the 5 nearest eligible experts"
    assert wordy in exact[:10], "the fused score puts them in the exact top 10"

    def selected() -> set[int]:
        found = select_candidates(
            query_vector=corpus["query"],
            project=project,
            graph=graph,
            limit=10,
            ann_limit=5,
            ef_search=40,
            table=TABLE,
        )
        return {row["profile_id"] for row in found}

    assert WORDY in selected()
    settings.MATCHING_LEXICAL_POOL = 0  # without the lexical branch the pool never sees them
    assert WORDY not in selected()
