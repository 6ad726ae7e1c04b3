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

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from matching import passphases, services
from matching.models import MatchRun, MatchRunChunk, PassTop
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
    nothing. Any forward step is a sign of life and clears the sweeper's retries. One
    statement (one round trip, one commit): the chunk row's lock orders concurrent runners."""
    step = 1 if chunk.phase == Phase.PROJECTS else 0
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH moved AS (UPDATE matching_matchrunchunk SET cursor = %s "
            "WHERE id = %s AND (cursor IS NULL OR cursor < %s) RETURNING run_id) "
            "UPDATE matching_matchrun SET progress = progress + %s, "
            "progressed_at = %s, retries = 0 WHERE id IN (SELECT run_id FROM moved)",
            [item, chunk.pk, item, step, timezone.now()],
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
    items = list(todo)
    with _async_commits():
        if chunk.phase == Phase.DOCUMENTS:
            for item in items:
                services.expert_index_refresh(profile_id=item)
                _advance(chunk, item)
        else:
            passphases.projects_run(
                run_id=chunk.run_id,
                phase=chunk.phase,
                items=items,
                advance=lambda item: _advance(chunk, item),
            )
    return _close(chunk)


@contextmanager
def _async_commits() -> Iterator[None]:
    """A chunk's commits do not wait for the disk (several per project were a tenth of its
    time). Safe: after a database crash what survives is a prefix of the commits, so a cursor
    never gets ahead of the work it counts, and the chunk redoes the rest (idempotent)."""
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        # A dead connection takes the setting with it; an aborted transaction rolls it back.
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def matches_full_pass(*, run_id: int | None = None) -> int:
    """The whole pass in this process, chunk after chunk (commands, tests). Returns the number
    of projects recomputed."""
    if run_id is None:
        run_id = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None).pk
    pending = full_pass_plan(run_id=run_id)
    while pending:
        pending = [after for chunk in pending for after in full_pass_chunk_run(chunk_id=chunk)]
    return MatchRun.objects.get(pk=run_id).total
