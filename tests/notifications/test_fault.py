"""The outbox through real Celery workers: killed mid-batch (SIGKILL) three times, duplicated
task messages, an SMTP server that is down. Every delivery ends sent exactly once; the e-mails
are counted in the files the workers wrote."""

import collections
import socket

import pytest
from django.db import transaction

from notifications import services
from notifications.models import EmailDelivery
from notifications.tasks import deliveries_sweep, delivery_send
from tests.conftest import wait_for
from tests.factories.profiles import UserFactory
from tests.notifications.conftest import mailed

pytestmark = [
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
]

BATCH = 200


def _write_deliveries(count: int) -> list[int]:
    users = UserFactory.create_batch(20)
    with transaction.atomic():
        for n in range(count):
            services.notification_create(
                recipient=users[n % len(users)],
                kind="project_approved",
                key=f"fault:{n}",
                payload={
                    "project_title": f"Proyecto {n}",
                    "institution_name": "ITM",
                    "url": f"/proyectos/{n}/",
                },
            )
    return list(EmailDelivery.objects.order_by("pk").values_list("pk", flat=True))


def _sent() -> int:
    return EmailDelivery.objects.filter(state="sent").count()


def _copies(mail_dir) -> collections.Counter:
    return collections.Counter(m["X-Puentes-Delivery"] for m in mailed(mail_dir))


def test_killing_workers_mid_batch_loses_nothing_and_sends_nothing_twice(
    file_mail_workers, mail_dir
):
    worker = file_mail_workers()
    ids = _write_deliveries(BATCH)  # enqueued on commit, one task message per delivery
    assert len(ids) == BATCH

    for threshold in (40, 90, 140):  # three SIGKILLs, each in the middle of the batch
        wait_for(lambda t=threshold: _sent() >= t, timeout=60, interval=0.01)
        worker.kill()
        assert _sent() < BATCH, "the batch finished before the kill: nothing was tested"
        worker = file_mail_workers()

    # Deliveries the killed workers had claimed stay "sending" until the lease (2 s here)
    # runs out; messages they had taken from the queue are gone. The sweeper finds both.
    def all_sent() -> bool:
        deliveries_sweep.delay()
        return _sent() == BATCH

    wait_for(all_sent, timeout=90, interval=1.5)

    assert set(EmailDelivery.objects.values_list("state", flat=True)) == {"sent"}
    keys = {
        f"notification:{n}" for n in EmailDelivery.objects.values_list("notification_id", flat=True)
    }
    copies = _copies(mail_dir)
    assert set(copies) == keys
    assert [key for key, count in copies.items() if count != 1] == []


def test_a_duplicated_task_message_sends_one_email(file_mail_workers, mail_dir):
    [delivery_id] = _write_deliveries(1)
    for _ in range(4):  # the same delivery enqueued again and again
        delivery_send.delay(delivery_id)
    file_mail_workers()

    wait_for(lambda: _sent() == 1, timeout=30)
    for _ in range(3):
        delivery_send.delay(delivery_id)
    # A last delivery queued behind the duplicates: once it is sent, the single worker has
    # run every duplicate before it.
    marker = UserFactory.create()
    with transaction.atomic():
        services.notification_create(
            recipient=marker,
            kind="project_approved",
            key="fault:marker",
            payload={"project_title": "Último", "institution_name": "ITM", "url": "/"},
        )
    wait_for(lambda: _sent() == 2, timeout=30)

    copies = _copies(mail_dir)
    assert copies[f"notification:{EmailDelivery.objects.get(pk=delivery_id).notification_id}"] == 1
    assert sum(copies.values()) == 2
    assert EmailDelivery.objects.get(pk=delivery_id).attempts == 1


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_smtp_server_is_retried_with_backoff_then_failed_then_resent(
    file_mail_workers, mail_dir
):
    [delivery_id] = _write_deliveries(1)
    down = file_mail_workers(
        EMAIL_URL=f"smtp://127.0.0.1:{_closed_port()}",
        NOTIFICATIONS_EMAIL_MAX_ATTEMPTS="3",
        NOTIFICATIONS_EMAIL_RETRY_BACKOFF="1",
    )
    try:
        wait_for(
            lambda: EmailDelivery.objects.filter(pk=delivery_id, state="failed").exists(),
            timeout=60,
        )
    finally:
        down.stop()
    delivery = EmailDelivery.objects.get(pk=delivery_id)
    assert delivery.attempts == 3
    assert "ConnectionRefusedError" in delivery.last_error
    assert mailed(mail_dir) == []

    # The server is back; staff re-send the failed delivery (the admin action's service).
    file_mail_workers()
    assert services.deliveries_resend(delivery_ids=[delivery_id]) == 1

    wait_for(lambda: _sent() == 1, timeout=30)
    assert len(mailed(mail_dir)) == 1


def test_a_worker_killed_in_the_middle_of_an_smtp_conversation_is_recovered_by_the_sweeper(
    file_mail_workers, mail_dir
):
    # A server that takes the connection and never says hello: the worker has claimed the
    # delivery and is waiting for the server when it is killed.
    with socket.socket() as tarpit:
        tarpit.bind(("127.0.0.1", 0))
        tarpit.listen(16)
        stuck = file_mail_workers(
            EMAIL_URL=f"smtp://127.0.0.1:{tarpit.getsockname()[1]}",
            NOTIFICATIONS_SMTP_TIMEOUT="120",
        )
        [delivery_id] = _write_deliveries(1)
        wait_for(lambda: EmailDelivery.objects.filter(pk=delivery_id, state="sending").exists())
        stuck.kill()

    assert EmailDelivery.objects.get(pk=delivery_id).attempts == 1
    file_mail_workers()

    def recovered() -> bool:
        deliveries_sweep.delay()
        return _sent() == 1

    wait_for(recovered, timeout=30, interval=1)
    delivery = EmailDelivery.objects.get(pk=delivery_id)
    assert (delivery.state, delivery.attempts) == ("sent", 2)
    assert list(_copies(mail_dir).values()) == [1]
