"""Separate queues: a matching backlog never delays an e-mail (nor a queue's heartbeat).

Real worker processes, one per queue as in `make run`: a matching worker with a backlog of
500 queued matching tasks for real projects, and a mail worker. The outbox e-mail written
meanwhile must be sent within a few seconds."""

import logging
import time

import pytest
import redis
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from matching.tasks import project_matches_task
from network.tasks import heartbeat
from notifications import services as notifications
from notifications.models import EmailDelivery
from tests.conftest import WorkerProcess, _database_url, private_task_queues, wait_for
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

logger = logging.getLogger(__name__)

BACKLOG = 500
MAX_EMAIL_LATENCY_SECONDS = 5.0


def _backlog(queue: str) -> int:
    return redis.Redis.from_url(settings.CELERY_BROKER_URL).llen(f"{queue}.matching")


def test_a_matching_backlog_of_500_tasks_does_not_delay_an_e_mail(
    expert, client: Client, record_property
):
    projects = [PublishedProjectFactory(title=f"Cadena de suministro {n}") for n in range(10)]
    for n in range(20):
        ExpertProfileFactory(bio=f"Logística y cadena de suministro, caso {n}.")
    env = {"MATCHING_EMBEDDER": "hashing"}
    with private_task_queues("test-queues") as queue:
        matching = WorkerProcess(queue, _database_url(), env, kinds=("matching",))
        mail = WorkerProcess(queue, _database_url(), env, kinds=("mail",))
        matching.start()
        mail.start()
        try:
            for n in range(BACKLOG):
                project_matches_task.delay(projects[n % len(projects)].pk)
            wait_for(lambda: _backlog(queue) < BACKLOG, 60)  # the matching worker is busy

            backlog_before = _backlog(queue)
            with transaction.atomic():
                notice = notifications.notification_create(
                    recipient=expert.user,
                    kind="project_approved",
                    key="test:backlog",
                    payload={"project_title": "Agua", "institution_name": "ITM", "url": "/"},
                )
            assert notice is not None
            committed = time.monotonic()
            wait_for(
                lambda: EmailDelivery.objects.get(pk=notice.email_delivery.pk).state == "sent",
                timeout=30,
                interval=0.02,
            )
            latency = time.monotonic() - committed
            backlog_after = _backlog(queue)

            heartbeat.apply_async(args=["mail"], queue=f"{queue}.mail")
            wait_for(
                lambda: client.get(reverse("healthz")).json()["workers"]["mail"]["status"] == "ok",
                10,
            )
        finally:
            mail.stop()
            matching.stop()

    record_property("email_latency_seconds", round(latency, 3))
    logger.warning("E-mail latency behind a %s-task backlog: %.2f s", backlog_before, latency)
    assert backlog_before > BACKLOG // 2
    assert backlog_after > BACKLOG // 2  # the backlog was still there when the e-mail left
    assert latency < MAX_EMAIL_LATENCY_SECONDS
    workers = client.get(reverse("healthz")).json()["workers"]
    assert workers["mail"]["status"] == "ok"
    assert workers["matching"]["status"] == "missing"  # nobody sent it a heartbeat here
