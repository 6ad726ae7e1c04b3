"""A task travels through the real Redis broker to a real worker process and writes to the DB."""

import time

import pytest

from network.models import Heartbeat
from network.tasks import heartbeat
from tests.conftest import private_task_queues, wait_for


@pytest.mark.celery
def test_worker_process_runs_task_and_its_database_write_is_visible(celery_worker):
    heartbeat.delay("integration-probe")

    beat = wait_for(lambda: Heartbeat.objects.filter(name="integration-probe").first())
    assert beat.worker.startswith(f"test-{celery_worker.queue}-")


@pytest.mark.django_db(transaction=True)
def test_without_a_worker_the_task_is_not_run_in_process():
    # Proves the test above depends on the worker: nothing runs the task eagerly here.
    with private_task_queues("nobody-listens-here"):
        heartbeat.delay("orphan-probe")
        time.sleep(1.0)
        assert not Heartbeat.objects.filter(name="orphan-probe").exists()
