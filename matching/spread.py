"""The spread rule: on how many other projects' first lists a candidate belongs before this
one (`prominent_elsewhere`), read with as little SQL as the answer allows (issue 20).

A function of profiles and projects only, never of stored suggestions (issue 19). It reads,
in order of cost: the candidates' scores on the other projects (their rows read once); which
projects already have enough of their own pool above a candidate (free, then one query that
stops at `top` rows per project); and only for the projects left, their threshold through the
engine's bounded selection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from django.db import connections

from matching.documents import SkillGraph
from matching.scoring import ProjectData

# The builder stays beside the other call sites of score_sql (one place adds need terms).
from matching.selection import _other_score_sql as other_score_sql
from matching.selection import select_candidates


def prominent_elsewhere(
    *,
    candidates: list[dict],
    project_id: int,
    others: Sequence[tuple[int, ProjectData, np.ndarray]],
    graph: SkillGraph,
    top: int,
    table: str = "matching_expertindex",
    using: str = "default",
) -> dict[int, int]:
    """For each candidate (rows of `select_candidates`, with their `prerank` here): on how many
    of the `others` (project id, data, need vector) they are among the `top` eligible experts
    by the pre-rank score (ties included) AND fit at least as well as here (an equal score
    counts for the older project). Those are the lists this expert belongs on before this one.

    A function of profiles and projects only, never of stored suggestions: reading other
    projects' current suggestions made every pass depend on the previous one (issue 19).
    The candidates' scores there come fifty projects per query. Where some candidate fits
    better than here, one query asks every such project at once whether `top` of its own pool
    already score above that candidate (`_outranked`: it stops at `top` rows, and a candidate
    with `top` people above them is in nobody's first `top`); only the projects it cannot
    settle have their threshold read (bounded selection): at 100,000 profiles and 20 other
    needs, 0-3 thresholds a need instead of 1-20 (`make bench`, prominence)."""
    ids = [row["profile_id"] for row in candidates]
    own = {row["profile_id"]: row["prerank"] for row in candidates}
    counts: dict[int, int] = dict.fromkeys(ids, 0)
    for start in range(0, len(others) if ids else 0, 50):
        batch = others[start : start + 50]
        scores = _scores_there(ids, batch, graph=graph, table=table, using=using)
        better = [
            (oid, pid, score)
            for oid, pid, score, _ in scores
            if score > own[pid] or (score == own[pid] and oid < project_id)
        ]
        data_of = {oid: (data, vector) for oid, data, vector in batch}
        best_there: dict[int, float] = {}
        for oid, _, score in better:
            best_there[oid] = max(score, best_there.get(oid, score))
        # Settled for free: `top` candidates of its own pool already score above them there.
        above = Counter(
            oid for oid, _, score, pooled in scores if pooled and score > best_there.get(oid, 2)
        )
        settled = {oid for oid, n in above.items() if n >= top}
        settled |= _outranked(
            {oid: (data_of[oid], s) for oid, s in best_there.items() if oid not in settled},
            graph=graph,
            top=top,
            table=table,
            using=using,
        )
        thresholds = {
            oid: _threshold(data_of[oid], graph=graph, top=top, table=table, using=using)
            for oid in sorted(set(best_there) - settled)
        }
        for oid, pid, score in better:
            if thresholds.get(oid) is not None and score >= thresholds[oid]:
                counts[pid] += 1
    return counts


def _scores_there(
    ids: list[int],
    batch: Sequence[tuple[int, ProjectData, np.ndarray]],
    *,
    graph: SkillGraph,
    table: str,
    using: str,
) -> list[tuple]:
    """(project, candidate, score there, in that project's selection pool) of every candidate
    eligible for a project of `batch`. The candidates' rows are read once, then scored for
    every project; the pool is the holders of a wanted skill (everyone, wanting none)."""
    parts = []
    for oid, data, vector in batch:
        score, score_params, where, where_params = other_score_sql(data, vector, graph)
        holds = _holds(data)
        pooled = "skill_ids && %s::int[]" if holds else ("FALSE" if holds == [] else "TRUE")
        parts.append(
            (
                f"SELECT %s, profile_id, {score}, {pooled} FROM cand WHERE {where}",
                [oid, *score_params, *([holds] if holds else []), *where_params],
            )
        )
    return _union_rows(
        using,
        parts,
        prefix=(
            f"WITH cand AS MATERIALIZED (SELECT * FROM {table} WHERE profile_id = ANY(%s))",
            [ids],
        ),
    )


def _holds(data: ProjectData) -> list[int] | None:
    """The skill ids whose holders are in the project's pool; None when it wants no skill
    (its pool is every eligible expert, ranked exactly), [] when none can be held."""
    wanted = data.required_skills or data.nice_skills
    if not wanted:
        return None
    return sorted(int(s) for s in wanted if str(s).isdigit())


def _outranked(
    asked: Mapping[int, tuple[tuple[ProjectData, np.ndarray], float]],
    *,
    graph: SkillGraph,
    top: int,
    table: str,
    using: str,
) -> set[int]:
    """The projects among `asked` (id: ((data, vector), score)) where at least `top` experts
    of the project's own selection pool score strictly above `score`: nobody scoring `score`
    or less there is among its first `top`, so its threshold need not be read. One query; each
    part stops at `top` rows. Only a subset of the pool is counted (the holders of a wanted
    skill; every eligible expert when the project wants none, as its exact selection ranks
    them all), so a project is settled only when the answer is certain."""
    parts = []
    for oid, ((data, vector), score) in sorted(asked.items()):
        holds = _holds(data)
        if holds == []:
            continue  # nothing can be held: the pool is the nearest experts alone
        # The very score the candidates got there (`_scores_there`), compared as it is.
        sql, params, where, where_params = other_score_sql(data, vector, graph)
        held = " AND skill_ids && %s::int[]" if holds else ""
        parts.append(
            (
                f"SELECT %s, count(*) FROM (SELECT 1 FROM {table} WHERE {where}{held} "
                f"AND {sql} > %s LIMIT %s) above",
                [oid, *where_params, *([holds] if holds else []), *params, float(score), top],
            )
        )
    return {oid for oid, above in _union_rows(using, parts) if above >= top}


def _threshold(
    other: tuple[ProjectData, np.ndarray], *, graph: SkillGraph, top: int, table: str, using: str
) -> float | None:
    """The `top`-th pre-rank score of another project, through the same bounded selection as
    its own suggestions and the full pass's tops (`passphases.project_tops`)."""
    data, vector = other
    rows = select_candidates(
        query_vector=vector,
        project=data,
        graph=graph,
        limit=top,
        ann_limit=max(100, top),
        ef_search=100,
        table=table,
        using=using,
    )
    return float(rows[-1]["prerank"]) if rows else None


def _union_rows(
    using: str, parts: list[tuple[str, list]], prefix: tuple[str, list] = ("", [])
) -> list[tuple]:
    if not parts:
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(
            prefix[0] + " " + " UNION ALL ".join(f"({sql})" for sql, _ in parts),
            [*prefix[1], *(value for _, params in parts for value in params)],
        )
        return cursor.fetchall()
