"""A nightly pass that finishes (issue 20): the full pass runs as chunks that each fit inside
the task time limit, resume from their cursor, report progress on one MatchRun, and never
restart from zero."""

import threading
import time

import pytest
from django.db import connection

from matching import fullpass, services
from matching.models import Match, MatchRun, MatchRunChunk, PassTop
from matching.tasks import full_pass_task
from projects.models import Project
from tests.conftest import WorkerProcess, _database_url, private_task_queues, wait_for
from tests.matching.test_engine import _expert, _project


def _population(institution, projects: int, experts: int = 6) -> None:
    for i in range(experts):
        _expert(f"Cadena de suministro de aguacate y logística de exportación {i}.")
    for i in range(projects):
        _project(title=f"Cadena de suministro de aguacate {i}", institution=institution)


def _rows() -> set[tuple]:
    return set(Match.objects.values_list("project_id", "expert_id", "state", "score", "rank_score"))


@pytest.mark.django_db
@pytest.mark.usefixtures("hashing_embedder")
def test_a_redelivered_chunk_redoes_only_what_is_after_its_cursor(
    settings, institution, monkeypatch
):
    settings.MATCHING_FULL_PASS_BATCH = 4
    _population(institution, projects=6)
    run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
    pending = fullpass.full_pass_plan(run_id=run.pk)
    for chunk in pending:  # no stale documents here: the tops phase comes first
        assert fullpass.full_pass_chunk_run(chunk_id=chunk) is not None
    first = MatchRunChunk.objects.filter(run=run, phase="projects").order_by("first_id").first()
    project_ids = list(fullpass.phase_items("projects", first.first_id, first.last_id))
    # A worker died after the second project of this chunk: its cursor says so.
    MatchRunChunk.objects.filter(pk=first.pk).update(cursor=project_ids[1])
    MatchRun.objects.filter(pk=run.pk).update(progress=2)
    recomputed: list[int] = []
    real = services.project_matches_recompute

    def spy(**kwargs):
        recomputed.append(kwargs["project_id"])
        return real(**kwargs)

    monkeypatch.setattr(services, "project_matches_recompute", spy)

    fullpass.full_pass_chunk_run(chunk_id=first.pk)
    fullpass.full_pass_chunk_run(chunk_id=first.pk)  # redelivered once more: nothing to do

    assert recomputed == project_ids[2:]
    run.refresh_from_db()
    assert (run.progress, run.total, run.status) == (4, 6, "running")
    assert fullpass.full_pass_plan(run_id=run.pk) == [  # the sweeper resumes the rest only
        c.pk for c in MatchRunChunk.objects.filter(run=run, done_at__isnull=True)
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("hashing_embedder")
def test_the_chunked_pass_stores_what_per_project_recomputes_store(settings, institution):
    settings.MATCHING_FULL_PASS_BATCH = 2
    settings.MATCHING_VISIBLE_TOP = 2
    settings.MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT = 2
    _population(institution, projects=5)
    for project in Project.objects.published().order_by("-pk"):
        services.project_matches_recompute(project_id=project.pk)
    live = _rows()

    assert fullpass.matches_full_pass() == 5

    assert _rows() == live
    assert not PassTop.objects.exists()  # the pass's tops go when it ends


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("hashing_embedder")
def test_a_pass_longer_than_the_task_time_limit_finishes_through_a_worker(institution):
    # 90 projects: about 4 s on an idle machine (36 took 1.6 s), twice the hard limit of 2 s.
    _population(institution, projects=90)
    env = {
        "MATCHING_EMBEDDER": "hashing",
        "CELERY_TASK_SOFT_TIME_LIMIT": "1",
        "CELERY_TASK_TIME_LIMIT": "2",
        "MATCHING_FULL_PASS_BATCH": "3",
    }
    samples: list[int] = []
    with private_task_queues("test-fullpass") as queue:
        worker = WorkerProcess(queue, _database_url(), env, kinds=("matching",), pool="prefork")
        worker.start()
        try:
            run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
            started = time.monotonic()
            full_pass_task.delay(run.pk)
            done = threading.Event()

            def watch() -> None:
                while not done.is_set():
                    samples.append(MatchRun.objects.get(pk=run.pk).progress)
                    time.sleep(0.05)
                connection.close()

            watcher = threading.Thread(target=watch)
            watcher.start()
            try:
                wait_for(lambda: MatchRun.objects.get(pk=run.pk).is_finished, 120)
            finally:
                done.set()
                watcher.join()
            elapsed = time.monotonic() - started
        finally:
            worker.stop()
    run.refresh_from_db()
    assert (run.status, run.progress, run.total) == ("done", 90, 90)
    assert elapsed > 2, "the pass must outlast one task's hard time limit"
    assert samples == sorted(samples)  # monotone: never back to zero
    assert "TimeLimitExceeded" not in "".join(worker.output)
    stored = _rows()
    assert stored
    assert fullpass.matches_full_pass() == 90
    assert _rows() == stored  # what a pass in one process stores
