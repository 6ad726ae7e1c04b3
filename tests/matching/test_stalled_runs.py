"""No run stuck forever: a run with no progress for MATCHING_RUN_STALL_SECONDS is sent again
once, then marked failed; the liaison's page then says so, offers a retry and stops polling."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matching import services
from matching.models import MatchRun
from matching.tasks import match_runs_sweep
from profiles.models import Institution, User
from tests.conftest import WorkerProcess, _database_url, private_task_queues, wait_for
from tests.factories.matching import MatchRunFactory
from tests.factories.projects import PublishedProjectFactory


def _stalled(project_id: int, *, seconds: int, retries: int = 0) -> MatchRun:
    """A run its worker was killed in the middle of: "running", 2 of 3 steps, silent since."""
    return MatchRunFactory(
        object_id=project_id,
        status="running",
        progress=2,
        total=3,
        retries=retries,
        progressed_at=timezone.now() - datetime.timedelta(seconds=seconds),
    )


@pytest.mark.django_db
def test_a_run_silent_past_the_bound_is_sent_again_then_marked_failed(settings):
    settings.MATCHING_RUN_STALL_SECONDS = 600
    project = PublishedProjectFactory()
    run = _stalled(project.pk, seconds=601)
    recent = _stalled(project.pk, seconds=30)

    assert [r.pk for r in services.match_runs_sweep()] == [run.pk]
    run.refresh_from_db()
    assert (run.status, run.retries) == ("queued", 1)

    recent.refresh_from_db()
    assert (recent.status, recent.retries) == ("running", 0)  # still within the bound

    later = timezone.now() + datetime.timedelta(seconds=601)
    assert [r.pk for r in services.match_runs_sweep(now=later)] == [recent.pk]
    run.refresh_from_db()
    assert run.status == "failed"
    assert run.finished_at == later
    assert services.match_runs_sweep(now=later) == []  # settled: a second sweep does nothing


@pytest.mark.django_db
def test_progress_keeps_a_long_run_alive(settings):
    settings.MATCHING_RUN_STALL_SECONDS = 600
    project = PublishedProjectFactory()
    run = _stalled(project.pk, seconds=601)

    services.project_matches_recompute(project_id=project.pk, run_id=run.pk)

    assert services.match_runs_sweep() == []
    run.refresh_from_db()
    assert run.status == "done"


@pytest.mark.django_db
def test_the_page_shows_a_failed_run_with_a_retry_button_and_stops_polling(
    client: Client, institution: Institution, liaison: User
) -> None:
    project = PublishedProjectFactory(institution=institution)
    run = MatchRunFactory(object_id=project.pk, status="failed", progress=2, total=3)
    client.force_login(liaison)

    html = client.get(reverse("matching:project_suggestions", args=[project.pk])).content.decode()

    assert "El cálculo de sugerencias no terminó. Puedes intentarlo de nuevo." in html
    assert reverse("matching:project_recompute", args=[project.pk]) in html
    assert "Reintentar" in html
    assert "hx-trigger" not in html.split('data-testid="run-failed"')[0].rsplit("<div", 1)[-1]
    assert reverse("matching:run_status", args=[run.pk]) not in html  # nothing polls


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_worker_sweeps_a_stuck_run_retries_it_and_fails_one_that_stays_stuck(
    client: Client, institution: Institution, liaison: User
) -> None:
    project = PublishedProjectFactory(institution=institution)
    stuck = _stalled(project.pk, seconds=5)
    hopeless = _stalled(project.pk, seconds=5, retries=1)
    env = {"MATCHING_RUN_STALL_SECONDS": "2", "MATCHING_EMBEDDER": "hashing"}
    with private_task_queues("test-runs") as queue:
        worker = WorkerProcess(queue, _database_url(), env)
        worker.start()
        try:
            match_runs_sweep.delay()  # beat sends it every minute

            wait_for(lambda: MatchRun.objects.get(pk=stuck.pk).status == "done", 60)
            wait_for(lambda: MatchRun.objects.get(pk=hopeless.pk).status == "failed", 10)
        finally:
            worker.stop()
    assert MatchRun.objects.get(pk=stuck.pk).retries == 1
    client.force_login(liaison)
    status = client.get(reverse("matching:run_status", args=[hopeless.pk]), HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true"  # the polling banner reloads the page once
    assert "Reintentar" in status.content.decode()
    assert "hx-trigger" not in status.content.decode()
