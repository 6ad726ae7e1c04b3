"""The outbox: a delivery is claimed by one run, sent once, retried on SMTP errors, failed
after N tries (and re-sendable in the admin); the sweeper recovers what was left behind."""

import datetime
import threading
import time

import pytest
import time_machine
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from notifications import services
from notifications.models import EmailDelivery
from tests.factories.notifications import EmailDeliveryFactory
from tests.notifications.backends import FlakyBackend, disconnected, mailbox_full

pytestmark = pytest.mark.django_db(transaction=True)

FLAKY = "tests.notifications.backends.FlakyBackend"


@pytest.fixture(autouse=True)
def _no_queued_errors():
    FlakyBackend.errors = []
    yield
    FlakyBackend.errors = []


@pytest.fixture
def delivery(expert) -> EmailDelivery:
    with transaction.atomic():
        notice = services.notification_create(
            recipient=expert.user,
            kind="project_approved",
            key="test:approved",
            payload={
                "project_title": "Laboratorio de agua",
                "institution_name": "ITM",
                "url": "/proyectos/1/",
            },
        )
    assert notice is not None
    return notice.email_delivery


def test_sending_marks_the_delivery_sent_and_the_mail_carries_its_headers(
    delivery, expert, mailoutbox
):
    assert services.delivery_send(delivery_id=delivery.pk) == "sent"

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("sent", 1, "")
    assert delivery.sent_at is not None
    [message] = mailoutbox
    assert message.to == [expert.user.email]
    assert message.extra_headers["Message-ID"] == delivery.message_id
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "«Laboratorio de agua» ya está publicado" in message.subject


def test_sending_the_same_delivery_again_sends_nothing(delivery, mailoutbox):
    assert services.delivery_send(delivery_id=delivery.pk) == "sent"
    assert services.delivery_send(delivery_id=delivery.pk) == "skipped"

    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1


def test_of_many_simultaneous_claims_exactly_one_wins(delivery):
    tokens: list[str | None] = []
    barrier = threading.Barrier(8)

    def claim() -> None:
        try:
            barrier.wait()
            tokens.append(services.delivery_claim(delivery_id=delivery.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len([t for t in tokens if t]) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("sending", 1)


@override_settings(NOTIFICATIONS_DELIVERY_LEASE_SECONDS=600)
def test_a_delivery_left_sending_is_claimed_again_only_after_the_lease(delivery, settings):
    settings.NOTIFICATIONS_DELIVERY_LEASE_SECONDS = 600
    start = timezone.now()
    assert services.delivery_claim(delivery_id=delivery.pk, now=start)

    later = start + datetime.timedelta(seconds=599)
    assert services.delivery_claim(delivery_id=delivery.pk, now=later) is None
    after_lease = start + datetime.timedelta(seconds=601)
    assert services.delivery_claim(delivery_id=delivery.pk, now=after_lease)
    delivery.refresh_from_db()
    assert delivery.attempts == 2


class SlowBackend(FlakyBackend):
    """An SMTP server taking 2.5 s to accept a message."""

    def send_messages(self, messages):
        time.sleep(2.5)
        return super().send_messages(messages)


@override_settings(
    EMAIL_BACKEND="tests.notifications.test_delivery.SlowBackend",
    NOTIFICATIONS_DELIVERY_LEASE_SECONDS=1,
)
def test_a_send_slower_than_the_lease_keeps_its_claim_by_renewing_it(delivery, mailoutbox):
    rivals: list[str | None] = []

    def rival() -> None:
        # Another worker (a duplicate message, the sweeper) tries while the slow send runs.
        time.sleep(1.8)
        rivals.append(services.delivery_claim(delivery_id=delivery.pk))
        connection.close()

    thread = threading.Thread(target=rival)
    thread.start()
    assert services.delivery_send(delivery_id=delivery.pk) == "sent"
    thread.join()

    assert rivals == [None]
    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("sent", 1)


def test_sending_refuses_to_run_inside_a_transaction(delivery):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.delivery_send(delivery_id=delivery.pk)


@override_settings(
    EMAIL_BACKEND=FLAKY,
    NOTIFICATIONS_EMAIL_MAX_ATTEMPTS=3,
    NOTIFICATIONS_EMAIL_RETRY_BACKOFF=60,
    NOTIFICATIONS_EMAIL_RETRY_BACKOFF_MAX=3600,
)
def test_smtp_errors_are_retried_with_growing_waits_then_the_delivery_fails(delivery, mailoutbox):
    FlakyBackend.errors = [disconnected(), disconnected(), disconnected()]
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        with pytest.raises(services.DeliveryError):
            services.delivery_send(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.state, delivery.attempts) == ("pending", 1)
        assert delivery.next_attempt_at == start + datetime.timedelta(seconds=60)
        assert "SMTPServerDisconnected" in delivery.last_error

        with pytest.raises(services.DeliveryError):
            services.delivery_send(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        assert delivery.next_attempt_at == start + datetime.timedelta(seconds=120)

        assert services.delivery_send(delivery_id=delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.next_attempt_at) == ("failed", 3, None)
    assert mailoutbox == []


@override_settings(EMAIL_BACKEND=FLAKY)
def test_a_transient_error_then_success_sends_once(delivery, mailoutbox):
    FlakyBackend.errors = [disconnected()]

    with pytest.raises(services.DeliveryError):
        services.delivery_send(delivery_id=delivery.pk)
    assert services.delivery_send(delivery_id=delivery.pk) == "sent"

    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("sent", 2, "")


@override_settings(EMAIL_BACKEND=FLAKY)
def test_a_permanent_refusal_fails_at_once_without_retrying(delivery, mailoutbox):
    FlakyBackend.errors = [mailbox_full()]

    assert services.delivery_send(delivery_id=delivery.pk) == "failed"

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert "No such user" in delivery.last_error


def test_a_delivery_to_a_deactivated_account_is_not_sent(delivery, expert, mailoutbox):
    expert.user.is_active = False
    expert.user.save()

    assert services.delivery_send(delivery_id=delivery.pk) == "failed"

    assert mailoutbox == []
    delivery.refresh_from_db()
    assert "no longer active" in delivery.last_error


def test_the_sweeper_re_enqueues_what_was_left_behind_and_only_that(expert, settings):
    settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS = 120
    settings.NOTIFICATIONS_DELIVERY_LEASE_SECONDS = 600
    now = timezone.now()

    def row(key: str, **fields: object) -> EmailDelivery:
        return EmailDeliveryFactory.create(idempotency_key=key, **fields)

    old = now - datetime.timedelta(minutes=5)
    forgotten = row("forgotten", enqueued_at=old)
    row("fresh", enqueued_at=now)
    row("waiting-for-retry", enqueued_at=old, next_attempt_at=now + datetime.timedelta(minutes=9))
    abandoned = row(
        "abandoned",
        state="sending",
        enqueued_at=old - datetime.timedelta(hours=1),
        claimed_at=now - datetime.timedelta(minutes=11),
    )
    row(
        "being-sent",
        state="sending",
        enqueued_at=old,
        claimed_at=now - datetime.timedelta(minutes=1),
    )
    row("sent", state="sent", enqueued_at=old, sent_at=old)
    row("failed", state="failed", enqueued_at=old)

    sweep_at = now + datetime.timedelta(seconds=1)
    assert services.deliveries_sweep(now=sweep_at) == 2
    bumped = EmailDelivery.objects.filter(enqueued_at=sweep_at).values_list("pk", flat=True)
    assert set(bumped) == {forgotten.pk, abandoned.pk}
    # The next sweep waits for them to be picked up before trying again.
    assert services.deliveries_sweep(now=sweep_at + datetime.timedelta(seconds=60)) == 0


def test_staff_resend_failed_deliveries_from_the_admin_but_never_sent_ones(client, staff, expert):
    failed = EmailDeliveryFactory.create(
        state="failed", attempts=6, last_error="SMTPServerDisconnected"
    )
    sent = EmailDeliveryFactory.create(state="sent", attempts=1, sent_at=timezone.now())
    client.force_login(staff)

    response = client.post(
        reverse("admin:notifications_emaildelivery_changelist"),
        {"action": "resend", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "1 correo vuelve a la cola de envío." in content
    assert "no se reenvían" in content
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.state, failed.attempts) == ("pending", 0)
    assert (sent.state, sent.attempts) == ("sent", 1)


def test_failed_deliveries_are_listed_with_their_error_in_the_admin(client, staff):
    EmailDeliveryFactory.create(
        to_email="perdido@example.org", state="failed", attempts=6, last_error="boom"
    )
    client.force_login(staff)

    response = client.get(
        reverse("admin:notifications_emaildelivery_changelist") + "?state__exact=failed"
    )

    assert response.status_code == 200
    assert "perdido@example.org" in response.content.decode()


def test_strangers_cannot_open_the_outbox_admin(client, stranger):
    client.force_login(stranger)

    response = client.get(reverse("admin:notifications_emaildelivery_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
