"""A SIGKILL of Redis with matching work queued (issue 19): the queued runs are recovered, those
whose message outlived the kill (append-only file) at once, one whose message was lost (written
in the last second, before the fsync) by the runs sweeper; an invitation's derived state lives
in PostgreSQL, written with the invitation, and never depended on Redis. A private Redis (its
own folder) stands in for the checkout's.

Bound stated and checked: every run is done within MATCHING_RUN_STALL_SECONDS + one sweep +
the run itself after the worker is back (here 3 s + 1 s + ~1 s, under BOUND). In production:
900 s + 60 s at most, for messages written in the last second before the kill; the others run
as soon as a worker reconnects."""

import os
import signal
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings

from matching import services
from matching.models import ExpertIndex, Match, MatchRun
from matching.tasks import match_runs_sweep, project_matches_task
from network.celery import app as celery_app
from projects.services import invitation_create
from tests.conftest import WorkerProcess, _database_url, wait_for
from tests.matching.test_engine import _expert, _project
from tests.network.test_local_redis import ASK, _redis_servers_in
from tests.network.test_redis_restart import _local_redis

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]
BOUND = 30


def _send_run(url: str, queue: str, project_id: int) -> MatchRun:
    run = services.match_run_create(scope=MatchRun.Scope.PROJECT, object_id=project_id)
    with celery_app.connection_for_write(url) as connection:
        project_matches_task.apply_async(
            args=[project_id, run.pk], queue=f"{queue}.matching", connection=connection
        )
    return run


def _sweep(url: str, queue: str) -> None:
    with celery_app.connection_for_write(url) as connection:
        match_runs_sweep.apply_async(queue=f"{queue}.housekeeping", connection=connection)


@pytest.mark.usefixtures("hashing_embedder")
def test_a_killed_redis_loses_no_queued_run_and_no_derived_state(
    tmp_path, institution, liaison, record_property
):
    url = _local_redis(tmp_path)
    queue = "test-redis-faults"
    expert = _expert("Cadena de suministro de aguacate y logística de exportación.")
    projects = [_project(title=f"Aguacate {i}", institution=institution) for i in range(3)]
    services.project_matches_recompute(project_id=projects[0].pk)
    invitation_create(project=projects[0], expert=expert, message="Hola", by=liaison)
    kept = [_send_run(url, queue, project.pk) for project in projects[1:]]
    lost = _send_run(url, queue, projects[0].pk)
    client = redis.Redis.from_url(url)
    # The last message reached Redis but not its disk (appendfsync everysec): lost in the kill.
    client.lpop(f"{queue}.matching")
    time.sleep(1.5)
    assert client.llen(f"{queue}.matching") == 2

    for pid in _redis_servers_in(tmp_path):
        os.kill(pid, signal.SIGKILL)
    assert _local_redis(tmp_path) == url  # back on the same port, from its append-only file
    env = {
        "REDIS_URL": url,
        "CELERY_BROKER_URL": url,
        "MATCHING_EMBEDDER": "hashing",
        "MATCHING_RUN_STALL_SECONDS": "3",
    }
    worker = WorkerProcess(queue, _database_url(), env, kinds=("matching", "housekeeping"))
    worker.start()
    back = time.monotonic()
    try:

        def recovered() -> bool:
            _sweep(url, queue)  # beat's part, every second here
            time.sleep(1)
            return not MatchRun.objects.filter(status__in=["queued", "running"]).exists()

        wait_for(recovered, BOUND, interval=0)
        seconds = time.monotonic() - back
    finally:
        worker.stop()
        for pid in _redis_servers_in(tmp_path):
            os.kill(pid, signal.SIGKILL)
    assert set(MatchRun.objects.values_list("pk", "status")) == {
        *((run.pk, "done") for run in kept),
        (lost.pk, "done"),
    }
    assert MatchRun.objects.get(pk=lost.pk).retries == 1  # the sweeper sent it again
    assert Match.objects.get(project=projects[0], expert=expert).state == "invited"
    assert ExpertIndex.objects.get(profile=expert).pending_invitations == 1
    record_property("redis_recovered_seconds", round(seconds, 1))


def test_processes_restarting_a_dead_redis_at_once_start_one(tmp_path):
    first = _local_redis(tmp_path)
    for pid in _redis_servers_in(tmp_path):
        os.kill(pid, signal.SIGKILL)
    env = {**os.environ, "PUENTES_VAR_DIR": str(tmp_path)}
    try:
        callers = [
            subprocess.Popen(
                [sys.executable, "-c", ASK],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        urls = {caller.communicate(timeout=60)[0].strip() for caller in callers}

        assert urls == {first}
        assert len(_redis_servers_in(tmp_path)) == 1
    finally:
        for pid in _redis_servers_in(tmp_path):
            os.kill(pid, signal.SIGKILL)
