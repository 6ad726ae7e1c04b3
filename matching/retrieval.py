"""Bounded, exact-by-construction candidate retrieval for needs that name no skill (issue 20).

Without a wanted skill there are no holders to rank: every eligible expert may be among the
best, and the nearest neighbours alone found a fifth of them (recall@50 0.18-0.31). The score
rises with the semantic term and with every other component, so an expert farther from the need
than cosine `c` scores at most what an *ideal* expert at cosine `c` would: one who holds every
wanted skill, every subfield and every lexical term of the need, speaks the need's languages
natively, has the hours, the preferences, the origin, the time zone and can be present
(`ideal_score`, the engine's own `prerank.score_sql` evaluated on that one row). So the
eligible experts are read in order of cosine (HNSW, filters in SQL, iterative scan) in growing
batches until the k-th best exact score among those read is at least the ideal score at the
last cosine read: nobody unread can enter the top-k (threshold algorithm). When that takes
more than MATCHING_NEAREST_MAX rows, one exact scan of the eligible rows settles it. At 100,000
profiles that scan (~0.3 s) beat reading 1,600-6,400 neighbours, and one batch of 400 settled
no need of `make bench` from 20,000 to 1,000,000 profiles while adding 30-140 ms (no_skill:
select 173/158 -> 118/129 ms at 100k without it), so by default the scan comes at once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.conf import settings

from matching.documents import SkillGraph
from matching.lexical import term_ids
from matching.prerank import score_sql
from matching.scoring import ProjectData
from matching.scoring.filters import project_languages


def _ideal_columns(project: ProjectData) -> tuple[str, list[Any]]:
    """One row with the best value of every column the score reads, for this project."""
    wanted = sorted(int(s) for s in project.required_skills | project.nice_skills if s.isdigit())
    state = project.state or ""
    values = {
        "skill_ids": ("%s::int[]", wanted),
        "subfields": ("%s::varchar[]", sorted(project.subfields)),
        "language_levels": (
            "%s::jsonb",
            json.dumps(dict.fromkeys(sorted(project_languages(project)), "native")),
        ),
        "hours_per_month": ("%s::smallint", 32767),
        "states_of_interest": ("%s::varchar[]", [state] if state else []),
        "sectors_of_interest": ("%s::varchar[]", [project.sector] if project.sector else []),
        "modality_preference": ("%s::varchar", "either"),
        "origin_state": ("%s::varchar", state),
        "residence_state": ("%s::varchar", state),
        "willing_to_travel": ("%s::boolean", True),
        "utc_offset": ("%s::float8", project.utc_offset_hours or 0.0),
        "lexical_ids": ("%s::int4[]", term_ids(project.need_terms or ())),  # every one
    }
    sql = ", ".join(f"{expr} AS {name}" for name, (expr, _) in values.items())
    return sql, [value for _, value in values.values()]


def engine_score_sql(
    project: ProjectData, *, cosine: str, cosine_params: Sequence, graph: SkillGraph
) -> tuple[str, list]:
    """`prerank.score_sql` with the need's lexical terms, as the engine ranks."""
    return score_sql(
        project,
        cosine=cosine,
        cosine_params=cosine_params,
        graph=graph,
        need_terms=project.need_terms,
    )


def ideal_score(cursor: Any, project: ProjectData, graph: SkillGraph, cosine: float) -> float:
    """The highest score any expert at `cosine` from the need can have (see the module)."""
    score, score_params = score_sql(
        project,
        cosine="%s::float8",
        cosine_params=[float(cosine)],
        graph=graph,
        need_terms=project.need_terms,
    )
    columns, column_params = _ideal_columns(project)
    cursor.execute(f"SELECT {score} FROM (SELECT {columns}) ideal", [*score_params, *column_params])
    return float(cursor.fetchone()[0])


def nearest_exact_ids(
    cursor: Any,
    *,
    table: str,
    where: str,
    params: list,
    score: str,
    score_params: list,
    vec: str,
    project: ProjectData,
    graph: SkillGraph,
    limit: int,
) -> list[int] | None:
    """Ids of the `limit` best eligible experts (see the module), for a need without skills;
    None when the batches did not settle it within MATCHING_NEAREST_MAX rows (the caller ranks
    every eligible row). The caller's transaction has set the HNSW search options."""
    start = int(getattr(settings, "MATCHING_NEAREST_START", 400))
    most = int(getattr(settings, "MATCHING_NEAREST_MAX", 400))
    batch = max(start, limit)
    cursor.execute("SET LOCAL hnsw.max_scan_tuples = 2147483647")
    while batch <= most:
        # A candidate list as long as the batch: relaxed iterative scans skip fewer neighbours.
        cursor.execute("SET LOCAL hnsw.ef_search = %s", [min(1000, batch)])
        cursor.execute(
            f"SELECT profile_id, {score} AS s, 1 - (embedding <=> %s::halfvec) AS c FROM {table} "
            f"WHERE {where} AND embedding IS NOT NULL ORDER BY embedding <=> %s::halfvec LIMIT %s",
            [*score_params, vec, *params, vec, batch],
        )
        rows = cursor.fetchall()
        ranked = sorted(rows, key=lambda r: (-r[1], r[0]))
        if len(rows) < batch:  # every eligible expert with a vector was read (no scan cap)
            return [pid for pid, _, _ in ranked[:limit]]
        kth = ranked[limit - 1][1]
        if kth >= ideal_score(cursor, project, graph, min(c for _, _, c in rows)):
            return [pid for pid, _, _ in ranked[:limit]]
        batch *= 4
    return None
