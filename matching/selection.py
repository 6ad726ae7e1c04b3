"""Candidate selection: who is worth scoring for a project (or which projects for an expert).

Selection is bounded: approximate nearest neighbours on the HNSW index with the hard filters
in SQL (pgvector iterative index scans), unioned with the eligible holders of a required skill
and the few experts sharing the need's heaviest terms (GIN on the term ids);
PostgreSQL ranks that pool with the scorer's own formula (`matching.prerank`) and only the best
rows are scored again, and explained, in Python. Nothing here loads every profile. Reads only;
storing what is selected is `matching.storage`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connections, transaction
from django.db.models import Q
from pgvector import HalfVector

from matching.documents import SkillGraph, expert_data
from matching.lexical import coverage, coverage_sql, quantised
from matching.models import ExpertIndex, ExpertPassage
from matching.retrieval import engine_score_sql, nearest_exact_ids
from matching.scoring import MatchResult, ProjectData, score_pair
from matching.scoring.filters import project_languages
from matching.semantic import aggregate, calibrate, fuse
from profiles.selectors.conflicts import (
    conflicted_expert_ids_by_institution as conflicts_by_institution,  # noqa: F401 - for services
)
from profiles.selectors.conflicts import conflicted_institution_ids
from projects.models import Project


def vector_literal(vector: Sequence[float] | np.ndarray) -> str:
    return "[" + ",".join(f"{x:.6f}" for x in vector) + "]"


def _setting(name: str, default: float) -> Any:
    return getattr(settings, name, default)


def filters_for(project: ProjectData) -> tuple[str, list]:
    """The hard filters of `scoring` for this project, as SQL on the index columns."""
    sql = [
        "is_available",
        "capacity_left > 0",
        "languages && %s::varchar[]",
        "collaboration_types @> ARRAY[%s]::varchar[]",
    ]
    params: list = [sorted(project_languages(project)), project.collaboration_type]
    if project.conflicted:
        sql.append("NOT (profile_id = ANY(%s::int[]))")
        params.append(sorted(int(str(i)) for i in project.conflicted))
    if project.modality == "on_site":
        sql.append("(residence_state = %s OR willing_to_travel)")
        params.append(project.state)
    return " AND ".join(sql), params


CANDIDATE_COLUMNS = (
    "profile_id, capacity_left, language_levels, collaboration_types, skill_ids, subfields, "
    "origin_state, residence_state, willing_to_travel, modality_preference, utc_offset, "
    "hours_per_month, states_of_interest, sectors_of_interest, pending_invitations, "
    "is_available, lexical_terms, 1 - (embedding <=> %s::halfvec) AS cosine"
)


# Long because it is one SQL plan read top to bottom: eligibility filters, the skill holders'
# bitmap (exact under MATCHING_WORK_MEM_MB), the no-skill branch and the passage refinement;
# split into steps, the query's parts would have to be read in four places to be checked.
def select_candidates(
    *,
    query_vector: Sequence[float] | np.ndarray,
    project: ProjectData,
    graph: SkillGraph,
    limit: int,
    ann_limit: int,
    ef_search: int = 200,
    table: str = "matching_expertindex",
    using: str = "default",
) -> list[dict]:
    """The `limit` best eligible experts for `project`, best first, each with its cosine.

    Candidates are the eligible experts nearest the need (HNSW with the filters in SQL,
    iterative scan), every eligible holder of a required skill (or of a wanted skill when
    none is required; GIN on skills and collaboration types) and the eligible experts best
    covering the need's rarest terms (`_lexical_ids`). All of them are ranked inside
    PostgreSQL by `prerank.score_sql`, the same score as `scoring`, so only the best rows
    travel to Python.
    """
    where, params = filters_for(project)
    vec = vector_literal(query_vector)
    wanted = project.required_skills or project.nice_skills
    holds = sorted(int(s) for s in wanted if str(s).isdigit()) or [0]
    cosine = "(1 - (embedding <=> %s::halfvec))"
    score, score_params = engine_score_sql(project, cosine=cosine, cosine_params=[vec], graph=graph)
    sql = _ranked_pool_sql(table=table, where=where, score=score)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL hnsw.ef_search = %s", [ef_search])
        cursor.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
        # Enough memory that the holders' bitmap stays exact (a lossy one re-reads whole pages).
        cursor.execute(
            "SET LOCAL work_mem = %s", [f"{int(_setting('MATCHING_WORK_MEM_MB', 64))}MB"]
        )
        # Every eligible row ranked: below the size, when the holders do not fill the top, or
        # when a need without skills is not settled by its neighbours.
        exact = (
            _exact_sql(table=table, where=where, score=score),
            [*score_params, *params, limit, vec],
        )
        if _small(cursor, table):
            return _fetch(cursor, *exact)
        if wanted:
            cursor.execute(
                f"SELECT profile_id FROM {table} WHERE {where} AND embedding IS NOT NULL "
                "ORDER BY embedding <=> %s::halfvec LIMIT %s",
                [*params, vec, ann_limit],
            )
            near = [row[0] for row in cursor.fetchall()]
            near += _lexical_ids(
                cursor, table=table, where=where, params=params, project=project, holds=holds
            )
        else:  # nobody holds anything: the best by the whole score, read in order of cosine
            settled = nearest_exact_ids(
                cursor,
                table=table,
                where=where,
                params=params,
                score=score,
                score_params=score_params,
                vec=vec,
                project=project,
                graph=graph,
                limit=limit,
            )
            if settled is None:
                return _fetch(cursor, *exact)
            near = settled
        pool = [*score_params, *params, holds, *score_params, *params, near, holds, limit, vec]
        rows = _fetch(cursor, sql, pool)
        if wanted and _outsiders_lead(rows, holds=holds, limit=limit):
            rows = _fetch(cursor, *exact)
    return rows


def _fetch(cursor: Any, sql: str, params: list) -> list[dict]:
    """The rows of `sql`, decoded."""
    cursor.execute(sql, params)
    names = [col.name for col in cursor.description]
    return decode_rows([dict(zip(names, row, strict=True)) for row in cursor.fetchall()])


def _outsiders_lead(rows: list[dict], *, holds: list[int], limit: int) -> bool:
    """Whether experts holding none of `holds` take MATCHING_EXACT_OUTSIDERS_SHARE of the
    pool's best `limit` or more: the holders do not fill the top, so who else belongs there
    depends on pool branches (nearest, lexical) that are not exhaustive, and only ranking
    every eligible row is sure. make bench, 100,000 profiles: the two needs whose recall@50
    fell (0.72, 0.90) had 90 and 17 such experts in their best 150; 55 of the 60 others had
    0-5; at 1,000,000, 0-2 on every need."""
    share = float(_setting("MATCHING_EXACT_OUTSIDERS_SHARE", 0.1))
    held = set(holds)
    outsiders = sum(1 for row in rows if not held.intersection(row["skill_ids"] or ()))
    return share > 0 and outsiders >= share * limit - 1e-9


def _lexical_ids(
    cursor: Any, *, table: str, where: str, params: list, project: ProjectData, holds: list[int]
) -> list[int]:
    """The lexical branch of the pool: the MATCHING_LEXICAL_POOL eligible experts holding none
    of `holds` who share at least two of the need's MATCHING_LEXICAL_POOL_TERMS heaviest
    (rarest) terms, best by lexical coverage. The fused score lifts such experts above holders
    the nearest neighbours never see (make bench, nice_only; issue 21).

    Measured on the bench at 100k (issue 21): one term in common matched 1-7k rows (10-25 ms);
    two of the eight heaviest match a few hundred, found by the GIN index on `lexical_ids` alone
    (OFFSET 0 keeps the eligibility filters off the index: ANDing the collaboration types'
    bitmap cost more than it saved), and the 20 best still hold every nice_only miss. The
    branch adds 2-6 ms to a selection (interleaved, same process)."""
    size = int(_setting("MATCHING_LEXICAL_POOL", 20))
    weights = quantised(project.need_terms or {})
    top = sorted(weights, key=lambda key: (-weights[key], key))
    top = top[: int(_setting("MATCHING_LEXICAL_POOL_TERMS", 8))]
    if size <= 0 or len(top) < 2:
        return []
    # "Two of them" as intarray's query_int: (a & (b | c | ...)) | (b & (c | ...)) | ...
    two = "|".join(f"({a}&({'|'.join(map(str, top[i + 1 :]))}))" for i, a in enumerate(top[:-1]))
    order: list = []
    lexical = coverage_sql(project.need_terms or {}, order)
    cursor.execute(
        f"SELECT profile_id FROM (SELECT * FROM {table} "
        "WHERE lexical_ids OPERATOR(intarray.@@) %s::intarray.query_int OFFSET 0) AS shared "
        f"WHERE {where} AND NOT skill_ids && %s::int[] "
        f"ORDER BY {lexical} DESC, profile_id LIMIT %s",
        [two, *params, holds, *order, size],
    )
    return [row[0] for row in cursor.fetchall()]


def _small(cursor: Any, table: str) -> bool:
    """Whether `table` has fewer than MATCHING_EXACT_BELOW rows (the planner's count; a table
    never analysed is counted, up to that many rows). Below it the bounded pool is not worth
    its risk: with few holders of a skill the best experts include people who hold none and
    are not among the nearest, and the pool missed them (make bench, Spanish-only needs:
    recall@50 down to 0.54 at 5,000 profiles, 0.48 at 20,000, 0.46 at 50,000), while ranking
    every eligible row costs about what the pool does (at 50,000: 101-183 ms against 69-232 ms
    for the pool, medians per set under load 4.5)."""
    below = int(_setting("MATCHING_EXACT_BELOW", 0))
    if below <= 0:
        return False
    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
    rows = cursor.fetchone()[0]
    if rows < 0:  # never analysed: count, but no further than the limit
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT %s) AS head", [below])
        rows = cursor.fetchone()[0]
    return rows < below


def _exact_sql(*, table: str, where: str, score: str) -> str:
    """Every eligible row ranked by `score`; parameters: the score's, the filters', the limit
    and the query vector (of the cosine column)."""
    return f"""
        WITH best AS (
            SELECT profile_id, {score} AS prerank FROM {table} WHERE {where}
            ORDER BY prerank DESC, profile_id LIMIT %s
        )
        SELECT {CANDIDATE_COLUMNS}, best.prerank FROM best JOIN {table} USING (profile_id)
        ORDER BY best.prerank DESC, profile_id
    """


def _ranked_pool_sql(*, table: str, where: str, score: str) -> str:
    """The pool (skill holders, then the nearest ids not among them) ranked by `score`; its
    parameters are the holders, the nearest ids, the holders again and the limit. Ids are
    ranked first (only the columns the score reads are decoded), then the best rows fetched.
    `table` is a constant chosen by the caller; every value is a parameter."""
    return f"""
        WITH best AS (
            SELECT profile_id, {score} AS prerank FROM {table}
            WHERE {where} AND skill_ids && %s::int[]
            UNION ALL
            SELECT profile_id, {score} FROM {table}
            WHERE {where} AND profile_id = ANY(%s) AND NOT skill_ids && %s::int[]
            ORDER BY prerank DESC, profile_id LIMIT %s
        )
        SELECT {CANDIDATE_COLUMNS}, best.prerank FROM best JOIN {table} USING (profile_id)
        ORDER BY best.prerank DESC, profile_id
    """


def decode_rows(rows: list[dict]) -> list[dict]:
    """Django's psycopg2 setup leaves jsonb as text in raw queries: decode the levels."""
    for row in rows:
        if isinstance(row["language_levels"], str):
            row["language_levels"] = json.loads(row["language_levels"])
    return rows


def expertise(semantic: float, project: ProjectData, held: Sequence[str]) -> float:
    """The semantic component: the embedding score fused with the lexical coverage of the
    need's terms by the expert's (`semantic.fuse`, as the SQL twin), when the need has terms."""
    if project.need_terms is None:
        return semantic
    return fuse(semantic, coverage(project.need_terms, held))


def passage_semantics(
    profile_ids: list[int],
    query_vector: Sequence[float] | np.ndarray,
    *,
    table: str = "matching_expertpassage",
    using: str = "default",
) -> dict[int, float]:
    """Semantic fit per expert from their passage vectors (best + top-3 blend)."""
    if not profile_ids:
        return {}
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT profile_id, 1 - (embedding <=> %s::vector) FROM {table} "
            "WHERE profile_id = ANY(%s)",
            [vector_literal(query_vector), profile_ids],
        )
        sims: dict[int, list[float]] = defaultdict(list)
        for profile_id, cosine in cursor.fetchall():
            sims[profile_id].append(cosine)
    return {pid: float(aggregate(np.array(vals)[:, None])[0]) for pid, vals in sims.items()}


def _other_score_sql(
    data: ProjectData, vector: np.ndarray, graph: SkillGraph
) -> tuple[str, list, str, list]:
    where, where_params = filters_for(data)
    score, score_params = engine_score_sql(
        data,
        cosine="(1 - (embedding <=> %s::halfvec))",
        cosine_params=[vector_literal(vector)],
        graph=graph,
    )
    return score, score_params, where, where_params


def score_candidates(
    *,
    pdata: ProjectData,
    candidates: list[dict],
    semantics: Mapping[int, float],
    graph: SkillGraph,
    state_names: Mapping[str, str],
    elsewhere: Mapping[int, int],
    keep: int = 50,
) -> list[tuple[dict, MatchResult, float]]:
    """(row, explained result, rank score) of the `keep` best eligible candidates, best first.

    The rank score is the score lowered for pending invitations and for the other projects the
    expert belongs on first (`prominent_elsewhere`); an expert with
    MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT of those is not suggested here: the same few
    people are not suggested everywhere, each shows where they fit best."""
    penalty = _setting("MATCHING_PENDING_INVITATION_PENALTY", 0.25)
    load_penalty = _setting("MATCHING_ACTIVE_SUGGESTION_PENALTY", 0.1)
    cap = int(_setting("MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT", 10))
    ranked = []
    for row in candidates:
        pid = row["profile_id"]
        if elsewhere.get(pid, 0) >= cap:
            continue
        semantic = semantics.get(pid)
        if semantic is None:
            semantic = float(calibrate(float(row["cosine"] or 0.0)))
        semantic = expertise(semantic, pdata, row["lexical_terms"])
        expert = expert_data(row, semantic=semantic, graph=graph, state_names=state_names)
        # Rank without explanations; only the suggestions kept are explained below.
        result = score_pair(expert, pdata, explain=False)
        if not result.eligible:
            continue
        rank = result.score / (
            1 + penalty * row["pending_invitations"] + load_penalty * elsewhere.get(pid, 0)
        )
        ranked.append((row, expert, rank))
    ranked.sort(key=lambda item: (-item[2], item[0]["profile_id"]))
    return [(row, score_pair(expert, pdata), rank) for row, expert, rank in ranked[:keep]]


# --- The other direction: projects for one expert ---------------------------------------------


def projects_for_expert(*, index: ExpertIndex, limit: int) -> list[Project]:
    """The published projects that pass the SQL side of the hard filters for this expert (none
    of an institution they are in conflict with), newest first (a bounded set), with what
    `project_data` reads."""
    return list(
        Project.objects.published()
        .exclude(institution_id__in=conflicted_institution_ids(index.profile_id))
        .filter(collaboration_type__in=index.collaboration_types)
        .filter(Q(languages__overlap=index.languages) | Q(languages=[]))
        .select_related("state", "institution", "embedding")
        .prefetch_related("skill_links", "fields")
        .order_by("-published_at")[:limit]
    )


def passage_vectors(*, profile_id: int) -> np.ndarray | None:
    """The expert's passage vectors as one matrix (None when they wrote nothing)."""
    vectors = list(
        ExpertPassage.objects.filter(profile_id=profile_id).values_list("embedding", flat=True)
    )
    return np.asarray(vectors, dtype=np.float32) if vectors else None


def expert_semantic(*, passages: np.ndarray | None, index: ExpertIndex, query: np.ndarray) -> float:
    """Semantic fit of one expert to one need: from the passages when there are some, else
    from the document vector, else none."""
    if passages is not None:
        return float(aggregate(passages @ query[:, None])[0])
    if index.embedding is not None:
        return float(calibrate(document_cosine(index.embedding, query)))
    return 0.0


def document_cosine(document: HalfVector | np.ndarray, query: np.ndarray) -> float:
    """`1 - (embedding <=> %s::halfvec)` in Python, the query sent as `vector_literal` (six
    decimals): the document vector is stored in half precision and pgvector rounds the query to
    it too, then sums in float32 and normalises (the rounded vectors are no longer of unit
    length), so SQL and Python score alike."""
    doc = document.to_numpy() if isinstance(document, HalfVector) else document
    a = np.asarray(doc, dtype=np.float16).astype(np.float32)
    sent = np.round(np.asarray(query, dtype=np.float64), 6).astype(np.float32)
    b = sent.astype(np.float16).astype(np.float32)
    norms = float(a @ a) * float(b @ b)
    return float(a @ b) / float(np.sqrt(norms)) if norms else 0.0
