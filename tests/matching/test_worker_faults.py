"""Faults through real worker processes (issue 19): 20 SIGKILLs of the whole worker during a
full re-match leave the rows of a clean run, and no run stays running or queued.

Time settings are small so the bound is seconds: visibility timeout 2 s (a killed worker's
message comes back), kombu's restore sweep every 1 s, runs silent for 4 s swept (the test plays
beat and sends the sweep every second). Bound stated and checked: once a worker stays up, the
run is done within BOUND seconds (restart + redelivery + sweep + the rest of the pass)."""

import contextlib
import logging
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings

from matching import fullpass, services
from matching.models import Match, MatchRun
from matching.tasks import full_pass_task, match_runs_sweep
from tests.conftest import _database_url, private_task_queues, wait_for
from tests.matching.test_full_pass_chunks import _population, _rows

pytestmark = [
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("hashing_embedder"),
]
logger = logging.getLogger(__name__)
KILLS = 20
BOUND = 45  # seconds from the last restart to no run running or queued
ENV = {
    "MATCHING_EMBEDDER": "hashing",
    "MATCHING_FULL_PASS_BATCH": "2",
    "CELERY_VISIBILITY_TIMEOUT": "2",
    "CELERY_UNACKED_RESTORE_INTERVAL": "1",
    "MATCHING_RUN_STALL_SECONDS": "4",
}


class ForkedWorkers:
    """Workers forked from one process that imported everything once (worker_zygote)."""

    def __init__(self, queue: str, kinds: tuple[str, ...], log: Path) -> None:
        env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_QUEUE": queue, **ENV}
        queues = ",".join(f"{queue}.{kind}" for kind in kinds)
        self.log = log
        self.zygote = subprocess.Popen(
            [sys.executable, "-m", "tests.matching.worker_zygote", queues, f"faults-{queue}@%h"],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.pid: int | None = None

    def start(self) -> None:
        seen = self.log.read_text().count(" ready.") if self.log.exists() else 0
        assert self.zygote.stdin is not None
        assert self.zygote.stdout is not None
        self.zygote.stdin.write(f"start {self.log}\n")
        self.zygote.stdin.flush()
        self.pid = int(self.zygote.stdout.readline())
        wait_for(lambda: self.log.exists() and self.log.read_text().count(" ready.") > seen, 60)

    def kill_group(self, sig: int = signal.SIGKILL) -> None:
        """The whole worker: its main process and its pool's child."""
        if self.pid is not None:
            os.killpg(self.pid, sig)
            wait_for(lambda: not _alive(self.pid), 30)
            self.pid = None

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError, AssertionError):
            self.kill_group(signal.SIGTERM)
        self.zygote.kill()
        self.zygote.wait()


def _alive(pid: int | None) -> bool:
    try:
        os.kill(pid or 0, 0)
    except ProcessLookupError:
        return False
    return True


def _unsettled() -> int:
    return MatchRun.objects.filter(status__in=["queued", "running"]).count()


def _play_beat(queue: str, last: list[float]) -> None:
    """Send the runs sweep every second, as beat would (not piling up while no worker runs)."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    if time.monotonic() - last[0] >= 1 and not client.llen(f"{queue}.housekeeping"):
        match_runs_sweep.delay()
        last[0] = time.monotonic()


def _progressed(run: MatchRun, since) -> bool:
    return MatchRun.objects.filter(pk=run.pk, progressed_at__gt=since).exists()


def test_twenty_sigkills_of_the_worker_during_a_full_pass_leave_the_clean_rows(
    settings, institution, record_property, tmp_path
):
    settings.MATCHING_FULL_PASS_BATCH = 2
    _population(institution, projects=40)
    fullpass.matches_full_pass()
    clean = _rows()
    Match.objects.all().delete()
    MatchRun.objects.all().delete()
    rng = random.Random(19)
    kills, passes, beat = 0, 1, [0.0]
    with private_task_queues("test-faults") as queue:
        run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
        full_pass_task.delay(run.pk)
        worker = ForkedWorkers(queue, ("matching", "housekeeping"), tmp_path / "worker.log")
        try:
            while kills < KILLS:
                since = MatchRun.objects.get(pk=run.pk).progressed_at
                worker.start()
                deadline = time.monotonic() + 15
                while not _progressed(run, since) and time.monotonic() < deadline:
                    _play_beat(queue, beat)
                    time.sleep(0.05)
                time.sleep(rng.uniform(0, 0.1))  # somewhere inside a chunk
                if MatchRun.objects.get(pk=run.pk).is_finished:
                    # A fast machine finished the pass between two kills: the remaining kills
                    # go into another full pass over the same data (same rows expected).
                    worker.kill_group()
                    run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
                    full_pass_task.delay(run.pk)
                    passes += 1
                    continue
                worker.kill_group()
                kills += 1
            worker.start()
            back = time.monotonic()

            def settled() -> bool:
                _play_beat(queue, beat)
                return _unsettled() == 0

            wait_for(settled, BOUND)
            recovered = time.monotonic() - back
        finally:
            worker.close()
    run.refresh_from_db()
    assert (run.status, run.progress) == ("done", run.total)
    assert not MatchRun.objects.exclude(status="done").exists()
    assert _rows() == clean
    record_property("recovered_seconds", round(recovered, 1))
    logger.warning(
        "%s SIGKILLs over %s pass(es); settled %.1f s after the last restart",
        kills,
        passes,
        recovered,
    )
