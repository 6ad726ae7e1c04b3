"""New messages in a conversation notify the other side through the outbox: one notice (and
e-mail) per burst of unread messages, in each reader's language; through a real worker, the
e-mail leaves exactly once even when the worker is SIGKILLed in the middle of sending it."""

import socket

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conversations import services as conversation_services
from conversations.models import Message, Thread
from notifications import emails
from notifications.models import EmailDelivery, Notification
from notifications.tasks import deliveries_sweep
from projects import services as project_services
from tests.conftest import wait_for
from tests.factories.projects import InterestFactory
from tests.notifications.conftest import html_of, mailed


@pytest.fixture
def thread(project, expert, liaison) -> Thread:
    interest = InterestFactory(project=project, expert=expert)
    with transaction.atomic():
        engagement = project_services.interest_accept(interest=interest, by=liaison)
    return Thread.objects.get(engagement=engagement)


def _post(user, thread, body: str) -> None:
    client = Client()
    client.force_login(user)
    url = reverse("conversations:thread", args=[thread.engagement_id])
    assert client.post(url, {"body": body}).status_code == 302


def _notices() -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(kind="message_received").values_list(
            "recipient__email", "payload__message"
        )
    )


@pytest.mark.django_db
def test_a_members_message_notifies_the_expert_and_the_experts_notifies_every_member(
    thread, expert, liaison, teammate, institution_admin
):
    _post(liaison, thread, "Hola María, ¿te va bien el lunes?")
    assert _notices() == [("maria.experta@example.org", "Hola María, ¿te va bien el lunes?")]

    _post(expert.user, thread, "Sí, el lunes a las 10.")

    assert [email for email, body in _notices() if body == "Sí, el lunes a las 10."] == [
        "luis.enlace@umich.example",
        "olga.duena@umich.example",
        "tomas.enlace@umich.example",
    ]
    deliveries = EmailDelivery.objects.filter(kind="message_received")
    assert deliveries.count() == 4
    assert set(deliveries.values_list("state", flat=True)) == {"pending"}


@pytest.mark.django_db
def test_a_burst_of_messages_makes_one_notice_until_the_reader_opens_the_thread(
    thread, expert, liaison
):
    _post(liaison, thread, "Primero")
    _post(liaison, thread, "Segundo")
    _post(liaison, thread, "Tercero")
    assert _notices() == [("maria.experta@example.org", "Primero")]

    conversation_services.thread_mark_read(thread=thread, user=expert.user)
    _post(liaison, thread, "Cuarto")

    assert [body for _, body in _notices()] == ["Cuarto", "Primero"]


@pytest.mark.django_db
def test_the_email_quotes_the_message_as_text_in_the_readers_language(
    thread, expert, liaison, teammate
):
    _post(expert.user, thread, "Te mando <b>el plan</b>\nNos vemos.")

    by_address = {
        delivery.to_email: emails.build_message(delivery)
        for delivery in EmailDelivery.objects.filter(kind="message_received")
    }
    spanish, english = by_address[liaison.email], by_address[teammate.email]
    assert spanish.subject.endswith("María Experta te escribió sobre «Cadena de frío del aguacate»")
    assert english.subject.endswith(
        "María Experta wrote to you about “Cadena de frío del aguacate”"
    )
    assert "«Te mando <b>el plan</b> Nos vemos.»" in spanish.body
    assert "<b>el plan</b>" not in html_of(spanish)
    assert "Te mando &lt;b&gt;el plan&lt;/b&gt; Nos vemos." in html_of(spanish)
    assert f"/mensajes/{thread.engagement_id}/#m{Message.objects.get().pk}" in spanish.body


# --- Through real workers ----------------------------------------------------------------------


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_message_and_its_email_survive_a_sigkill_of_the_mail_worker(
    thread, expert, liaison, file_mail_workers, mail_dir
):
    # The acceptance's own e-mail is not under test: marked sent, its queued task is a no-op.
    EmailDelivery.objects.update(state="sent", sent_at=timezone.now())
    # An SMTP server that takes the connection and never says hello: the worker has claimed
    # the delivery and is waiting for the server when it is killed.
    with socket.socket() as tarpit:
        tarpit.bind(("127.0.0.1", 0))
        tarpit.listen(16)
        stuck = file_mail_workers(
            EMAIL_URL=f"smtp://127.0.0.1:{tarpit.getsockname()[1]}",
            NOTIFICATIONS_SMTP_TIMEOUT="120",
        )
        _post(liaison, thread, "¿Revisaste el protocolo?")
        delivery = EmailDelivery.objects.get(kind="message_received")
        wait_for(lambda: EmailDelivery.objects.filter(pk=delivery.pk, state="sending").exists())
        stuck.kill()

    assert list(Message.objects.values_list("body", flat=True)) == ["¿Revisaste el protocolo?"]
    file_mail_workers()

    def sent() -> bool:
        deliveries_sweep.delay()
        return EmailDelivery.objects.filter(pk=delivery.pk, state="sent").exists()

    wait_for(sent, timeout=30, interval=1)
    [message] = mailed(mail_dir)
    assert message["X-Puentes-Delivery"] == delivery.idempotency_key
    assert message["To"] == expert.user.email
    assert "¿Revisaste el protocolo?" in message.get_payload()[0].get_payload(decode=True).decode()
    assert EmailDelivery.objects.get(pk=delivery.pk).attempts == 2
