"""The SQL ranking (`matching.prerank`) must agree with the Python scorer (`matching.scoring`).

Selection ranks candidates inside PostgreSQL with `score_sql`; if it drifted from
`score_pair`, the engine would silently drop experts the scorer ranks high. These tests score
random experts both ways on real PostgreSQL and compare, for many kinds of project.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace

import numpy as np
import pytest
from django.db import connection
from django.utils import timezone

from matching.documents import SkillGraph, expert_data
from matching.lexical import TermFrequencies, coverage, term_weight
from matching.prerank import score_sql
from matching.retrieval import engine_score_sql
from matching.scoring import MODALITIES, WEIGHTS, ProjectData, score_pair
from matching.selection import expertise, filters_for, select_candidates, vector_literal
from matching.semantic import LEXICAL_PIVOT, calibrate, fuse
from matching.weights import merged
from profiles.models import FieldOfScience, Skill

pytestmark = pytest.mark.django_db

TABLE = "prerank_case"
DIM = 384
STATES = ["01", "06", "11", "14", "16", "18", "22", "24", "32", "09"]
SECTORS = ["academia", "public", "private", "nonprofit"]
TYPES = ["mentoring", "consulting", "joint_research", "lectures"]
LEVELS = ["basic", "working", "fluent", "native"]
TERMS = [
    "acuif",
    "aquif",
    "agua",
    "water",
    "groun",
    "@hydrology",
    "@solar-energy",
    "solar",
    "energ",
]


@pytest.fixture
def vocabulary() -> dict:
    graph = SkillGraph.load()
    children = list(Skill.objects.filter(parent__isnull=False).values_list("pk", "parent_id")[:6])
    assert children, "the reference taxonomy has parent/child skills"
    family = sorted({pk for pair in children for pk in pair})
    others = list(Skill.objects.exclude(pk__in=family).values_list("pk", flat=True)[:10])
    subfields = list(
        FieldOfScience.objects.filter(parent__isnull=False).values_list("code", flat=True)
    )
    return {"graph": graph, "skills": family + others, "family": family, "subfields": subfields}


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def _expert_row(rng: random.Random, pid: int, vocab: dict, query: np.ndarray) -> dict:
    levels = {"es": rng.choice(LEVELS + ["native", "native"])}
    for code in ("en", "fr"):
        if rng.random() < 0.6:
            levels[code] = rng.choice(LEVELS)
    noise = np.random.default_rng(pid).normal(size=DIM)
    # Cosines with the need spread over the calibrated range (~0.75..0.97).
    mix = rng.uniform(0.0, 0.6)
    embedding = _unit((1 - mix) * query + mix * _unit(noise) * 1.2)
    return {
        "profile_id": pid,
        "embedding": vector_literal(embedding),
        "is_available": rng.random() < 0.9,
        "capacity_left": rng.choice([0, 1, 2, 3, 3]),
        "languages": sorted(c for c, lvl in levels.items() if lvl != "basic"),
        "language_levels": json.dumps(levels),
        "collaboration_types": rng.sample(TYPES, rng.randint(1, 3)),
        "skill_ids": sorted(rng.sample(vocab["skills"], rng.randint(0, 5))),
        "subfields": sorted(rng.sample(vocab["subfields"], rng.randint(0, 3))),
        "origin_state": rng.choice(STATES + [""]),
        "residence_state": rng.choice(["", "", "", *STATES]),
        "willing_to_travel": rng.random() < 0.4,
        "modality_preference": rng.choice([*MODALITIES, "either", "either"]),
        "utc_offset": rng.choice([None, -8.0, -6.0, -5.0, -3.0, 0.0, 1.0, 5.5, 9.0, 14.0]),
        "hours_per_month": rng.choice([0, 2, 5, 10, 20, 40]),
        "states_of_interest": sorted(rng.sample(STATES, rng.randint(0, 3))),
        "sectors_of_interest": sorted(rng.sample(SECTORS, rng.randint(0, 2))),
        "pending_invitations": rng.choice([0, 0, 1, 2]),
        "lexical_terms": sorted(rng.sample(TERMS, rng.randint(0, 8))),
        "text_hash": "",
        "embedder": "test",
        "updated_at": timezone.now(),
    }


def _load(rows: list[dict]) -> None:
    columns = list(rows[0])
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE {TABLE} "
            "(LIKE matching_expertindex INCLUDING DEFAULTS INCLUDING GENERATED)"
        )
        for row in rows:
            cursor.execute(
                f"INSERT INTO {TABLE} ({', '.join(columns)}) VALUES "
                f"({', '.join(['%s'] * len(columns))})",
                [row[c] for c in columns],
            )


def _project(rng: random.Random, vocab: dict, case: int) -> ProjectData:
    graph = vocab["graph"]
    pool = [str(s) for s in vocab["skills"]]
    required = frozenset(rng.sample(pool, rng.randint(0, 3)))
    nice = frozenset(rng.sample(pool, rng.randint(0, 2)))
    wanted = required | nice
    state = rng.choice([None, *STATES[:5]])
    return ProjectData(
        id=case,
        required_skills=required,
        nice_skills=nice,
        skill_names={s: graph.names.get(s, (s, s)) for s in wanted},
        skill_ancestors={s: graph.ancestors.get(s, frozenset()) for s in wanted},
        subfields=frozenset(rng.sample(vocab["subfields"], rng.randint(0, 2))),
        languages=frozenset(rng.choice([[], ["es"], ["es", "en"], ["EN"], ["fr"]])),
        collaboration_type=rng.choice(TYPES),
        collaboration_type_labels=("colaboración", "collaboration"),
        modality=rng.choice(MODALITIES),
        state=state,
        state_name=state,
        hours_per_month=rng.choice([0, 4, 10, 25]),
        sector=rng.choice([None, *SECTORS]),
        utc_offset_hours=rng.choice([None, -6.0, -5.0, 1.0]),
    )


def _python_scores(
    rows: list[dict], project: ProjectData, graph: SkillGraph, need: dict | None = None
) -> dict:
    scores = {}
    for row in rows:
        semantic = float(calibrate(float(row["cosine"])))
        if need is not None:
            semantic = fuse(semantic, coverage(need, row["lexical_terms"]))
        result = score_pair(
            expert_data(row, semantic=semantic, graph=graph, state_names={}),
            project,
            explain=False,
        )
        scores[row["profile_id"]] = result
    return scores


def _rows_with_cosine(query: np.ndarray) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT *, 1 - (embedding <=> %s::vector) AS cosine FROM {TABLE}",
            [vector_literal(query)],
        )
        names = [c.name for c in cursor.description]
        rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    for row in rows:
        if isinstance(row["language_levels"], str):
            row["language_levels"] = json.loads(row["language_levels"])
    return rows


@pytest.fixture
def corpus(vocabulary: dict) -> dict:
    rng = random.Random(5)
    query = _unit(np.random.default_rng(1).normal(size=DIM))
    rows = [_expert_row(rng, pid, vocabulary, query) for pid in range(1, 241)]
    _load(rows)
    return {"query": query, "rows": _rows_with_cosine(query), **vocabulary}


@pytest.mark.parametrize("case", range(12))
def test_sql_score_equals_the_python_score_for_every_eligible_expert(corpus, case):
    rng = random.Random(100 + case)
    project = _project(rng, corpus, case)
    graph = corpus["graph"]
    python = _python_scores(corpus["rows"], project, graph)
    score, params = score_sql(
        project,
        cosine="1 - (embedding <=> %s::vector)",
        cosine_params=[vector_literal(corpus["query"])],
        graph=graph,
    )
    where, where_params = filters_for(project)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT profile_id, {score} FROM {TABLE}", params)
        sql = dict(cursor.fetchall())
        cursor.execute(f"SELECT profile_id FROM {TABLE} WHERE {where}", where_params)
        passing = {pid for (pid,) in cursor.fetchall()}

    eligible = {pid for pid, result in python.items() if result.eligible}
    assert passing == eligible, "the SQL hard filters are the scorer's"
    assert len(eligible) > 10
    for pid in eligible:
        # Components are stored rounded to 4 decimals; the SQL value is not rounded.
        assert sql[pid] == pytest.approx(python[pid].components["fused"], abs=6e-5), pid
    assert len({round(sql[pid], 3) for pid in eligible}) > 5, "the cases must differ"


@pytest.mark.parametrize("case", range(6))
def test_sql_fused_expertise_score_equals_the_python_score_for_every_eligible_expert(corpus, case):
    rng = random.Random(200 + case)
    project = _project(rng, corpus, case)
    need = {term: rng.choice([1.0, 2.0]) for term in rng.sample(TERMS, rng.randint(3, 6))}
    graph = corpus["graph"]
    python = _python_scores(corpus["rows"], project, graph, need)
    score, params = score_sql(
        project,
        cosine="1 - (embedding <=> %s::vector)",
        cosine_params=[vector_literal(corpus["query"])],
        graph=graph,
        need_terms=need,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT profile_id, {score} FROM {TABLE}", params)
        sql = dict(cursor.fetchall())

    eligible = [pid for pid, result in python.items() if result.eligible]
    assert len(eligible) > 10
    for pid in eligible:
        assert sql[pid] == pytest.approx(python[pid].components["fused"], abs=6e-5), pid
    lexical = {row["profile_id"]: coverage(need, row["lexical_terms"]) for row in corpus["rows"]}
    assert len({lexical[pid] for pid in eligible}) > 2, "the lexical evidence varies"


@pytest.mark.parametrize("case", range(4))
def test_sql_fused_score_with_idf_weighted_need_terms_equals_the_python_score(corpus, case):
    # Weights as production computes them: the IDF of each term over these experts' terms.
    rng = random.Random(300 + case)
    project = _project(rng, corpus, case)
    frequencies = TermFrequencies.of(row["lexical_terms"] for row in corpus["rows"])
    need = {term: term_weight(term, frequencies) for term in rng.sample(TERMS, rng.randint(2, 7))}
    graph = corpus["graph"]
    python = _python_scores(corpus["rows"], project, graph, need)
    score, params = score_sql(
        project,
        cosine="1 - (embedding <=> %s::vector)",
        cosine_params=[vector_literal(corpus["query"])],
        graph=graph,
        need_terms=need,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT profile_id, {score} FROM {TABLE}", params)
        sql = dict(cursor.fetchall())

    eligible = [pid for pid, result in python.items() if result.eligible]
    assert len(eligible) > 10
    for pid in eligible:
        assert sql[pid] == pytest.approx(python[pid].components["fused"], abs=6e-5), pid
    lexical = [coverage(need, row["lexical_terms"]) for row in corpus["rows"]]
    # Evidence on both sides of the pivot: the fusion raises some experts and lowers others.
    assert min(lexical) < LEXICAL_PIVOT < max(lexical)
    assert len(set(need.values())) > 1, "the IDF weights differ"


@pytest.mark.usefixtures("bounded_pool")
def test_select_candidates_returns_the_exact_best_holders_and_near_experts(corpus):
    graph = corpus["graph"]
    family = [str(s) for s in corpus["family"][:2]]
    project = ProjectData(
        id=1,
        required_skills=frozenset(family),
        nice_skills=frozenset(),
        skill_names={s: graph.names[s] for s in family},
        skill_ancestors={s: graph.ancestors.get(s, frozenset()) for s in family},
        subfields=frozenset(corpus["subfields"][:1]),
        languages=frozenset(["es"]),
        collaboration_type="mentoring",
        collaboration_type_labels=("mentoría", "mentoring"),
        modality="remote",
        state="14",
        state_name="Jalisco",
        hours_per_month=10,
        sector="academia",
        utc_offset_hours=-6.0,
    )
    python = _python_scores(corpus["rows"], project, graph)
    ranked = sorted((r.score for r in python.values() if r.eligible), reverse=True)
    rows = select_candidates(
        query_vector=corpus["query"],
        project=project,
        graph=graph,
        limit=10,
        ann_limit=len(corpus["rows"]),  # the pool is everyone: the result is the exact top 10
        ef_search=400,
        table=TABLE,
    )
    assert len(rows) == 10
    returned = [python[row["profile_id"]].score for row in rows]
    assert returned == pytest.approx(ranked[:10], abs=0.11), "the exact top 10, best first"
    assert all(python[row["profile_id"]].eligible for row in rows)
    # The pool is every eligible holder of a required skill plus the nearest eligible experts.
    holders = {int(s) for s in family}
    eligible = [r for r in corpus["rows"] if python[r["profile_id"]].eligible]
    holding = {r["profile_id"] for r in eligible if holders & set(r["skill_ids"])}
    nearest = {r["profile_id"] for r in sorted(eligible, key=lambda r: -r["cosine"])[:5]}
    wide = select_candidates(
        query_vector=corpus["query"],
        project=project,
        graph=graph,
        limit=500,
        ann_limit=5,
        ef_search=40,
        table=TABLE,
    )
    assert holding
    assert nearest - holding, "the nearest-neighbour branch adds someone"
    assert {row["profile_id"] for row in wide} == holding | nearest


ADOPTED = {
    "expert_fit": {"semantic": 0.55, "skills": 0.05, "fields": 0.3, "language": 0.1},
    "project_fit": {"hours": 0.6, "preferences": 0.0, "origin": 0.1, "timezone": 0.2},
}


@pytest.mark.parametrize("case", range(6))
def test_the_engine_scores_with_the_needs_terms_and_the_adopted_weights_in_sql_and_python(
    corpus, case
):
    rng = random.Random(300 + case)
    graph = corpus["graph"]
    need = {term: rng.choice([1.0, 2.0]) for term in rng.sample(TERMS, rng.randint(3, 6))}
    project = replace(
        _project(rng, corpus, case),
        need_terms=need,
        weights=merged(ADOPTED),
        weights_version="fit-twin",
    )
    python = {}
    for row in corpus["rows"]:
        semantic = expertise(float(calibrate(float(row["cosine"]))), project, row["lexical_terms"])
        expert = expert_data(row, semantic=semantic, graph=graph, state_names={})
        python[row["profile_id"]] = score_pair(expert, project, explain=False)
    builtin = _python_scores(corpus["rows"], replace(project, weights=WEIGHTS), graph, need)
    score, params = engine_score_sql(
        project,
        cosine="1 - (embedding <=> %s::vector)",
        cosine_params=[vector_literal(corpus["query"])],
        graph=graph,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT profile_id, {score} FROM {TABLE}", params)
        sql = dict(cursor.fetchall())

    eligible = [pid for pid, result in python.items() if result.eligible]
    assert len(eligible) > 10
    for pid in eligible:
        assert sql[pid] == pytest.approx(python[pid].components["fused"], abs=6e-5), pid
        assert python[pid].weights_version == "fit-twin"
    assert any(python[pid].score != builtin[pid].score for pid in eligible), "weights matter"
    held = [r["profile_id"] for r in corpus["rows"] if set(need) & set(r["lexical_terms"])]
    assert 0 < len(set(held) & set(eligible)) < len(eligible), "both branches of the SQL"
    # Selection with every row in its pool returns the exact top 10 of the Python score.
    rows = select_candidates(
        query_vector=corpus["query"],
        project=project,
        graph=graph,
        limit=10,
        ann_limit=len(corpus["rows"]),
        ef_search=400,
        table=TABLE,
    )
    ranked = sorted((python[pid].score for pid in eligible), reverse=True)
    returned = [python[row["profile_id"]].score for row in rows]
    assert returned == pytest.approx(ranked[: len(rows)], abs=0.11), "rounding apart, exact"
    assert len(rows) == min(10, len(eligible))
