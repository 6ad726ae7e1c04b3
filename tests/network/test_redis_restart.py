"""A SIGKILL of Redis loses no queued work (append-only file) and running workers reconnect
by themselves once it is back on the same port. A private Redis (its own data folder) stands
in for the checkout's, so the suite's broker is never killed."""

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings

from network.celery import app as celery_app
from network.models import Heartbeat
from network.tasks import heartbeat
from tests.conftest import WorkerProcess, _database_url, wait_for
from tests.network.test_local_redis import ASK, _redis_servers_in

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]
logger = logging.getLogger(__name__)
BASE_DIR = Path(settings.BASE_DIR)


def _local_redis(var_dir: Path) -> str:
    env = {**os.environ, "PUENTES_VAR_DIR": str(var_dir)}
    done = subprocess.run(
        [sys.executable, "-c", ASK], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _send(url: str, name: str, queue: str) -> None:
    with celery_app.connection_for_write(url) as connection:
        heartbeat.apply_async(args=[name], queue=queue, connection=connection)


def test_a_killed_redis_keeps_its_queued_tasks_and_the_worker_reconnects(tmp_path, record_property):
    url = _local_redis(tmp_path)
    prefix = "test-restart"
    env = {"REDIS_URL": url, "CELERY_BROKER_URL": url}
    worker = WorkerProcess(prefix, _database_url(), env, kinds=("housekeeping",))
    worker.start()
    try:
        _send(url, "before-kill", f"{prefix}.housekeeping")
        wait_for(lambda: Heartbeat.objects.filter(name="before-kill").exists(), 30)
        # Queued work nobody consumes yet (no matching worker here), made durable by the AOF.
        _send(url, "queued-matching-work", f"{prefix}.matching")
        time.sleep(1.5)  # appendfsync everysec

        for pid in _redis_servers_in(tmp_path):
            os.kill(pid, signal.SIGKILL)
        time.sleep(2)  # the worker notices and starts retrying its connection
        assert _local_redis(tmp_path) == url  # back on the same port (run_all does this)
        back = time.monotonic()

        client = redis.Redis.from_url(url)
        assert client.llen(f"{prefix}.matching") == 1
        _send(url, "after-restart", f"{prefix}.housekeeping")
        wait_for(lambda: Heartbeat.objects.filter(name="after-restart").exists(), 60)
        reconnected = time.monotonic() - back
        assert worker.process is not None
        assert worker.process.poll() is None  # the same process, never restarted
    finally:
        worker.stop()
        for pid in _redis_servers_in(tmp_path):
            os.kill(pid, signal.SIGKILL)
    record_property("worker_reconnect_seconds", round(reconnected, 2))
    logger.warning("The worker ran a new task %.2f s after Redis came back", reconnected)
