"""The tops and projects phases of the nightly full pass (`matching.fullpass` runs the chunks).

Each project's candidates are selected once per pass, in the tops phase: its first
MATCHING_VISIBLE_TOP go to PassTop (the spread rule), the ids of all of them to the cache; the
projects phase reads those rows again by key (milliseconds) instead of selecting again (the
pass's main cost at a million profiles). What every project of a chunk reads alike (the skill
graph, conflicts, the projects with their skills, fields and need vectors, the
PassTop rows of the chunk's candidates) is read once per chunk. The recompute itself is
`services.project_matches_recompute`, the one path deciding which rows exist.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from matching import selection, services
from matching.documents import (
    SkillGraph,
    chunk_frequencies,
    passages_hash,
    project_data,
    project_need_text,
)
from matching.embeddings import get_embedder
from matching.lexical import TermFrequencies
from matching.models import MatchRunChunk, PassTop
from matching.retrieval import engine_score_sql
from matching.scoring import ProjectData
from matching.selection import CANDIDATE_COLUMNS, decode_rows, filters_for, vector_literal
from projects.models import Project

# How long the tops phase's candidate ids wait for the projects phase (a resumed pass older
# than this selects them again).
CANDIDATES_SECONDS = 2 * 24 * 3600


@dataclass(frozen=True)
class Prepared:
    """What the pass read for one project, handed to `services.project_matches_recompute`:
    the published project (with what `project_data` reads), its data, need vector, the skill
    graph and its candidates (rows of `selection.select_candidates`, with the parameters of
    `pass_candidates`, the recompute's own)."""

    project: Project
    data: ProjectData
    query: np.ndarray
    graph: SkillGraph
    candidates: list[dict]


@dataclass(frozen=True)
class _Shared:
    """What every project of a chunk reads the same: read once per chunk, not per project."""

    run_id: int
    graph: SkillGraph
    conflicts: dict[int, frozenset[int]]
    frequencies: TermFrequencies


def projects_run(
    *, run_id: int, phase: str, items: list[int], advance: Callable[[int], None]
) -> None:
    """The tops or projects phase over a chunk's remaining projects (`items`, in order),
    calling `advance` with each project done."""
    projects = list(
        Project.objects.published()
        .filter(pk__in=items)
        .select_related("state", "institution", "embedding")
        .prefetch_related("skill_links", "fields")
        .order_by("pk")
    )
    graph = SkillGraph.load()
    shared = _Shared(
        run_id=run_id,
        graph=graph,
        conflicts=selection.conflicts_by_institution({p.institution_id for p in projects}),
        frequencies=chunk_frequencies(projects, graph.thesaurus),
    )
    if phase == MatchRunChunk.Phase.TOPS:
        for project in projects:
            _tops_store(project, shared)
            advance(project.pk)
        return
    kept = cache.get_many([_candidates_key(run_id, p.pk) for p in projects])
    prominence = _pass_prominence(run_id, [pid for ids in kept.values() for pid in ids])
    for project in projects:
        ids = kept.get(_candidates_key(run_id, project.pk))
        services.project_matches_recompute(
            project_id=project.pk, prominence=prominence, prepared=_prepared(project, shared, ids)
        )
        advance(project.pk)


def _candidates_key(run_id: int, project_id: int) -> str:
    return f"matching:pass:{run_id}:{project_id}"


def _need_vector(project: Project) -> np.ndarray:
    """The stored need vector when the need's text is unchanged (read with the project)."""
    stored = getattr(project, "embedding", None)
    digest = passages_hash([("need", project_need_text(project))], get_embedder().name)
    if stored is not None and stored.text_hash == digest:
        return np.asarray(stored.embedding, dtype=np.float32)
    return services.project_embedding_refresh(project=project)


def pass_candidates(data: ProjectData, vector: np.ndarray, graph: SkillGraph) -> list[dict]:
    """The project's candidates, as `services.project_matches_recompute` selects them: the tops
    phase reads them once, for the spread rule and (kept by id) for the projects phase."""
    top_k = int(settings.MATCHING_TOP_K)
    return selection.select_candidates(
        query_vector=vector,
        project=data,
        graph=graph,
        limit=top_k * 3,
        ann_limit=top_k * 2,
        ef_search=max(100, top_k * 2),
    )


def _candidates_again(
    ids: list[int], data: ProjectData, vector: np.ndarray, graph: SkillGraph
) -> list[dict]:
    """The rows of `select_candidates` for these ids, read again by key: their current values
    and pre-rank score, still eligible (filters in SQL), best first. A few milliseconds where a
    selection ranks every eligible holder of the wanted skills."""
    if not ids:
        return []
    vec = vector_literal(vector)
    where, where_params = filters_for(data)
    score, score_params = engine_score_sql(
        data, cosine="(1 - (embedding <=> %s::halfvec))", cosine_params=[vec], graph=graph
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {CANDIDATE_COLUMNS}, {score} AS prerank FROM matching_expertindex "
            f"WHERE {where} AND profile_id = ANY(%s) ORDER BY prerank DESC, profile_id",
            [vec, *score_params, *where_params, ids],
        )
        names = [col.name for col in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return decode_rows(rows)


def _prepared(project: Project, shared: _Shared, ids: list[int] | None) -> Prepared:
    """The recompute's inputs; its candidates are those the tops phase selected, read again by
    id (selected afresh when the cache lost them: same result, full price)."""
    data = project_data(
        project, graph=shared.graph, conflicted=shared.conflicts, frequencies=shared.frequencies
    )
    vector = _need_vector(project)
    candidates = (
        _candidates_again(ids, data, vector, shared.graph)
        if ids is not None
        else pass_candidates(data, vector, shared.graph)
    )
    return Prepared(
        project=project,
        data=data,
        query=vector,
        graph=shared.graph,
        candidates=candidates,
    )


# --- The spread rule from the pass's tops ----------------------------------------------------


def project_tops(
    candidates: list[dict],
    *,
    data: ProjectData,
    vector: np.ndarray,
    graph: SkillGraph,
    top: int,
) -> list[tuple[int, float]]:
    """(expert, pre-rank score) of the project's first `top` eligible experts, ties included:
    the set `spread.prominent_elsewhere` tests against its threshold. Read from the
    project's own candidates (`pass_candidates`: the engine's bounded selection, every
    eligible holder of a wanted skill and the nearest experts ranked in SQL; needs without
    skills exactly, `matching.retrieval`), not by scoring every eligible expert: at a million
    profiles that scan was the pass's cost. When ties run past the candidates, every eligible
    expert is ranked."""
    rows = [(row["profile_id"], float(row["prerank"])) for row in candidates]
    limit = int(settings.MATCHING_TOP_K) * 3
    if len(rows) >= limit and (len(rows) < top or rows[-1][1] == rows[top - 1][1]):
        rows = _all_ranked(data, vector, graph)
    if not rows:
        return []
    threshold = rows[min(top, len(rows)) - 1][1]
    return [(pid, s) for pid, s in rows if s >= threshold]


def _all_ranked(
    data: ProjectData, vector: np.ndarray, graph: SkillGraph
) -> list[tuple[int, float]]:
    where, where_params = filters_for(data)
    cosine = "(1 - (embedding <=> %s::halfvec))"
    score, score_params = engine_score_sql(
        data, cosine=cosine, cosine_params=[vector_literal(vector)], graph=graph
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT profile_id, {score} AS s FROM matching_expertindex WHERE {where} "
            "ORDER BY 2 DESC, 1",
            [*score_params, *where_params],
        )
        return cursor.fetchall()


def _tops_store(project: Project, shared: _Shared) -> None:
    """Select the project's candidates once: its tops go to PassTop, their ids to the cache
    for the projects phase (a cache miss there only costs a second selection)."""
    data = project_data(
        project, graph=shared.graph, conflicted=shared.conflicts, frequencies=shared.frequencies
    )
    vector = _need_vector(project)
    candidates = pass_candidates(data, vector, shared.graph)
    tops = project_tops(
        candidates,
        data=data,
        vector=vector,
        graph=shared.graph,
        top=int(settings.MATCHING_VISIBLE_TOP),
    )
    key = _candidates_key(shared.run_id, project.pk)
    cache.set(key, [row["profile_id"] for row in candidates], CANDIDATES_SECONDS)
    with transaction.atomic():
        PassTop.objects.filter(run_id=shared.run_id, project_id=project.pk).delete()
        PassTop.objects.bulk_create(
            PassTop(run_id=shared.run_id, project_id=project.pk, expert_id=pid, score=s)
            for pid, s in tops
        )


def _pass_prominence(
    run_id: int, expert_ids: list[int]
) -> Callable[[list[dict], int], dict[int, int]]:
    """`prominent_elsewhere`'s counts, read from the pass's tops: those of the chunk's known
    candidates (`expert_ids`) in one query, any other candidate's when asked."""
    seen: dict[int, list[tuple[int, float]]] = defaultdict(list)

    def read(ids: set[int]) -> None:
        rows = PassTop.objects.filter(run_id=run_id, expert_id__in=sorted(ids)).values_list(
            "project_id", "expert_id", "score"
        )
        for other_id, pid, score in rows:
            seen[pid].append((other_id, score))
        known.update(ids)

    known: set[int] = set()
    if expert_ids:
        read(set(expert_ids))

    def elsewhere(candidates: list[dict], project_id: int) -> dict[int, int]:
        own = {row["profile_id"]: row["prerank"] for row in candidates}
        if set(own) - known:
            read(set(own) - known)
        counts = dict.fromkeys(own, 0)
        for pid, mine in own.items():
            for other_id, score in seen.get(pid, ()):
                if other_id != project_id and (
                    score > mine or (score == mine and other_id < project_id)
                ):
                    counts[pid] += 1
        return counts

    return elsewhere
