"""The nightly full pass, fanned out in chunks (issues 19 and 20).

`full_pass_plan` splits the pass once into chunks of at most MATCHING_FULL_PASS_BATCH items in
three phases — stale expert documents, each project's top experts (for the spread rule), each
project's suggestions — and returns the chunks to send now. `full_pass_chunk_run` does one chunk
from its cursor on and returns the next phase's chunks when it closes its own. Progress goes on
the one MatchRun (projects recomputed of the published total) and only ever grows: an item is
counted by the same conditional update that moves the chunk's cursor past it. Every function is
safe to run twice and concurrently; the caller (a task) sends the chunk tasks.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from matching import selection, services
from matching.documents import SkillGraph, project_data
from matching.models import MatchRun, MatchRunChunk, PassTop
from matching.retrieval import engine_score_sql
from matching.scoring import ProjectData
from matching.selection import filters_for, vector_literal
from profiles.models import ExpertProfile
from projects.models import Project

Phase = MatchRunChunk.Phase
PHASES = [Phase.DOCUMENTS, Phase.TOPS, Phase.PROJECTS]
# A document refresh costs a fraction of a project's recompute: bigger batches.
DOCUMENTS_PER_ITEM = 8


def _stale_profiles() -> Q:
    return (
        Q(match_index__isnull=True)
        | Q(changed_at__gt=F("match_index__updated_at"))
        | Q(match_index__embedding__isnull=True)
    )


def phase_items(phase: str, first_id: int | None = None, last_id: int | None = None) -> QuerySet:
    rows = (
        ExpertProfile.objects.filter(_stale_profiles())
        if phase == Phase.DOCUMENTS
        else Project.objects.published()
    )
    if first_id is not None:
        rows = rows.filter(pk__gte=first_id, pk__lte=last_id)
    return rows.order_by("pk").values_list("pk", flat=True)


def _plan(run: MatchRun) -> None:
    batch = int(settings.MATCHING_FULL_PASS_BATCH)
    chunks, projects = [], 0
    for phase in PHASES:
        ids = list(phase_items(phase))
        size = batch * DOCUMENTS_PER_ITEM if phase == Phase.DOCUMENTS else batch
        projects = len(ids)
        for start in range(0, len(ids), size):
            part = ids[start : start + size]
            chunks.append(
                MatchRunChunk(
                    run=run, phase=phase, first_id=part[0], last_id=part[-1], size=len(part)
                )
            )
    MatchRunChunk.objects.bulk_create(chunks)
    run.total, run.progress = projects, 0


def _pending(run: MatchRun) -> list[int]:
    """The unfinished chunks of the earliest unfinished phase; finishes the run when none."""
    for phase in PHASES:
        pending = list(
            run.chunks.filter(phase=phase, done_at__isnull=True)
            .order_by("first_id")
            .values_list("pk", flat=True)
        )
        if pending:
            return pending
    now = timezone.now()
    MatchRun.objects.filter(pk=run.pk).exclude(status=MatchRun.Status.DONE).update(
        status=MatchRun.Status.DONE, progress=F("total"), finished_at=now, progressed_at=now
    )
    PassTop.objects.filter(run=run).delete()
    return []


def full_pass_plan(*, run_id: int) -> list[int]:
    """Split the run's pass into chunks the first time; then (and on every later call, e.g. from
    the sweeper) mark it running and return the ids of the chunks to send. Idempotent."""
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.is_finished:
            return []
        if not run.chunks.exists():
            _plan(run)
        run.status, run.progressed_at = MatchRun.Status.RUNNING, timezone.now()
        run.started_at = run.started_at or run.progressed_at
        run.save(update_fields=["status", "progressed_at", "started_at", "total", "progress"])
        return _pending(run)


def _advance(chunk: MatchRunChunk, item: int) -> None:
    """Move the cursor past `item` and count it, once: a duplicate runner behind us counts
    nothing. Any forward step is a sign of life and clears the sweeper's retries."""
    with transaction.atomic():
        moved = (
            MatchRunChunk.objects.filter(pk=chunk.pk)
            .filter(Q(cursor__isnull=True) | Q(cursor__lt=item))
            .update(cursor=item)
        )
        if moved:
            step = 1 if chunk.phase == Phase.PROJECTS else 0
            MatchRun.objects.filter(pk=chunk.run_id).update(
                progress=F("progress") + step, progressed_at=timezone.now(), retries=0
            )


def _close(chunk: MatchRunChunk) -> list[int]:
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=chunk.run_id)
        closed = MatchRunChunk.objects.filter(pk=chunk.pk, done_at__isnull=True).update(
            done_at=timezone.now()
        )
        if not closed or run.chunks.filter(phase=chunk.phase, done_at__isnull=True).exists():
            return []
        return _pending(run)  # this chunk closed its phase: the next phase starts


def full_pass_chunk_run(*, chunk_id: int) -> list[int]:
    """Do one chunk from its cursor on; return the chunks to send next (the next phase's,
    when this one closed its phase). Safe to run twice: done items are skipped."""
    chunk = MatchRunChunk.objects.select_related("run").filter(pk=chunk_id).first()
    if chunk is None or chunk.done_at is not None or chunk.run.is_finished:
        return []
    todo = phase_items(chunk.phase, chunk.first_id, chunk.last_id)
    if chunk.cursor is not None:
        todo = todo.filter(pk__gt=chunk.cursor)
    graph = SkillGraph.load() if chunk.phase == Phase.TOPS else None
    for item in list(todo):
        if chunk.phase == Phase.DOCUMENTS:
            services.expert_index_refresh(profile_id=item)
        elif graph is not None:
            _tops_store(run_id=chunk.run_id, project_id=item, graph=graph)
        else:
            services.project_matches_recompute(
                project_id=item, prominence=_pass_prominence(chunk.run_id)
            )
        _advance(chunk, item)
    return _close(chunk)


def matches_full_pass(*, run_id: int | None = None) -> int:
    """The whole pass in this process, chunk after chunk (commands, tests). Returns the number
    of projects recomputed."""
    if run_id is None:
        run_id = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None).pk
    pending = full_pass_plan(run_id=run_id)
    while pending:
        pending = [after for chunk in pending for after in full_pass_chunk_run(chunk_id=chunk)]
    return MatchRun.objects.get(pk=run_id).total


# --- The spread rule from the pass's tops ----------------------------------------------------


def project_tops(project: Project, *, graph: SkillGraph, top: int) -> list[tuple[int, float]]:
    """(expert, pre-rank score) of the project's first `top` eligible experts, ties included:
    the set `selection.prominent_elsewhere` tests against its threshold. Read through the
    engine's bounded selection (every eligible holder of a wanted skill and the nearest
    experts, ranked in SQL; needs without skills exactly, `matching.retrieval`), not by
    scoring every eligible expert: at a million profiles that scan was the pass's cost."""
    data = project_data(project, graph=graph)
    vector = services.project_embedding_refresh(project=project)
    margin = top + 32
    rows = [
        (row["profile_id"], float(row["prerank"]))
        for row in selection.select_candidates(
            query_vector=vector,
            project=data,
            graph=graph,
            limit=margin,
            ann_limit=max(100, margin),
            ef_search=max(100, margin),
        )
    ]
    if len(rows) == margin and rows[-1][1] == rows[top - 1][1]:  # ties past the margin
        rows = _all_ranked(data, vector, graph)
    if not rows:
        return []
    threshold = rows[min(top, len(rows)) - 1][1]
    return [(pid, s) for pid, s in rows if s >= threshold]


def _all_ranked(
    data: ProjectData, vector: np.ndarray, graph: SkillGraph
) -> list[tuple[int, float]]:
    where, where_params = filters_for(data)
    cosine = "(1 - (embedding <=> %s::vector))"
    score, score_params = engine_score_sql(
        data, cosine=cosine, cosine_params=[vector_literal(vector)], graph=graph
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT profile_id, {score} AS s FROM matching_expertindex WHERE {where} "
            "ORDER BY 2 DESC",
            [*score_params, *where_params],
        )
        return cursor.fetchall()


def _tops_store(*, run_id: int, project_id: int, graph: SkillGraph) -> None:
    project = Project.objects.select_related("state", "institution").get(pk=project_id)
    tops = project_tops(project, graph=graph, top=int(settings.MATCHING_VISIBLE_TOP))
    with transaction.atomic():
        PassTop.objects.filter(run_id=run_id, project_id=project_id).delete()
        PassTop.objects.bulk_create(
            PassTop(run_id=run_id, project_id=project_id, expert_id=pid, score=s) for pid, s in tops
        )


def _pass_prominence(run_id: int) -> Callable[[list[dict], int], dict[int, int]]:
    """`prominent_elsewhere`'s counts, read from the pass's tops (one query per project)."""

    def elsewhere(candidates: list[dict], project_id: int) -> dict[int, int]:
        own = {row["profile_id"]: row["prerank"] for row in candidates}
        counts = dict.fromkeys(own, 0)
        rows = (
            PassTop.objects.filter(run_id=run_id, expert_id__in=list(own))
            .exclude(project_id=project_id)
            .values_list("project_id", "expert_id", "score")
        )
        for other_id, pid, score in rows:
            if score > own[pid] or (score == own[pid] and other_id < project_id):
                counts[pid] += 1
        return counts

    return elsewhere
