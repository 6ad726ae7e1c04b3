"""A webhook switched off after failing again and again: partners sends `webhook_disabled`, the
receiver only enqueues a task, and the task tells every admin of the subscription's institution
(in the site and by e-mail through the outbox, in their language) which webhook stopped, why,
and where to switch it back on. Nobody can turn this notice off."""

import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notifications import selectors, services
from notifications.forms import PreferencesForm
from notifications.models import EmailDelivery, Notification
from notifications.tasks import webhook_disabled_notify
from notifications.unsubscribe import token_for_user
from partners.events import webhook_disabled
from partners.models import ApiKey, WebhookSubscription
from profiles.models import Institution, User
from tests.factories.profiles import MembershipFactory
from tests.notifications.conftest import html_of, render

pytestmark = pytest.mark.django_db

SITE = settings.SITE_URL
HOOK_URL = "https://crm.umich.example/hooks/puentes"


def disabled_subscription(**owner: object) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        url=HOOK_URL,
        events=["project.published"],
        secret="s" * 40,
        is_active=False,
        consecutive_failures=3,
        disabled_at=timezone.now(),
        **owner,
    )


@pytest.fixture
def subscription(institution: Institution) -> WebhookSubscription:
    return disabled_subscription(institution=institution)


@pytest.fixture
def english_admin(institution: Institution) -> User:
    return MembershipFactory.create(
        institution=institution, role="admin", user__name="Ellen Admin", user__language="en"
    ).user


def send_event(subscription: WebhookSubscription, capture: Callable) -> list[Callable[[], object]]:
    """What partners does when it switches a subscription off: send the event inside its
    transaction. Returns what waits for the commit."""
    with capture() as callbacks:
        webhook_disabled.send(sender=WebhookSubscription, subscription_id=subscription.pk)
    return callbacks


def test_the_receiver_only_enqueues_a_task_that_notifies_every_admin_and_nobody_else(
    subscription,
    institution_admin,
    english_admin,
    liaison,
    stranger,
    eager_tasks,
    django_capture_on_commit_callbacks,
):
    inactive_admin = MembershipFactory.create(
        institution=subscription.institution, role="admin"
    ).user
    inactive_admin.is_active = False
    inactive_admin.save()

    callbacks = send_event(subscription, django_capture_on_commit_callbacks)

    assert not Notification.objects.exists()  # nothing is written before the commit
    [enqueue] = callbacks
    enqueue()  # the commit: the task is sent (and, eagerly, run)

    notices = Notification.objects.filter(kind="webhook_disabled").order_by("recipient")
    assert [n.recipient for n in notices] == [institution_admin, english_admin]
    assert {n.target for n in notices} == {subscription}
    assert [n.email_frequency for n in notices] == ["immediately", "immediately"]
    deliveries = EmailDelivery.objects.filter(kind="webhook_disabled").order_by("recipient")
    assert [(d.recipient, d.to_email, d.language, d.state) for d in deliveries] == [
        (institution_admin, institution_admin.email, "es", "pending"),
        (english_admin, english_admin.email, "en", "pending"),
    ]
    assert [d.notification for d in deliveries] == list(notices)


def test_the_email_says_which_webhook_stopped_why_and_where_to_switch_it_back_on(
    subscription, institution_admin
):
    assert webhook_disabled_notify.apply(args=[subscription.pk]).get() == 1
    delivery = EmailDelivery.objects.get(recipient=institution_admin)
    link = f"{SITE}/integraciones/{subscription.institution.slug}/webhooks/{subscription.pk}/"

    spanish = render(delivery, "es")
    assert spanish.subject == f"[Puentes] Desactivamos un webhook que fallaba: {HOOK_URL}"
    assert spanish.to == [institution_admin.email]
    assert spanish.body.startswith(f"Hola, {institution_admin.name}:")
    for text in (
        f"Desactivamos el webhook {HOOK_URL} de {subscription.institution.name} porque "
        "falló 3 veces seguidas.",
        "no enviaremos más eventos a esa URL",
        "responda con un código 2xx",
        "reenviar las que fallaron",
        "no se puede desactivar",
    ):
        assert text in spanish.body, text
    assert f"vuelve a activarlo aquí:\n{link}\n" in spanish.body
    html = html_of(spanish)
    assert '<html lang="es">' in html
    assert f'href="{link}"' in html
    assert "falló 3 veces seguidas" in html
    assert "no se puede desactivar" in html

    english = render(delivery, "en")
    assert english.subject == f"[Puentes] We switched off a failing webhook: {HOOK_URL}"
    for text in ("because it failed 3 times in a row", "switch it back on here", link):
        assert text in english.body, text
    assert f'href="{link}"' in html_of(english)

    # An operations notice: no unsubscribe link, in the headers or in the text.
    for message in (spanish, english):
        assert "List-Unsubscribe" not in message.extra_headers
        assert "/notificaciones/baja/" not in message.body
        assert "/notificaciones/baja/" not in html_of(message)
    assert spanish.extra_headers["Message-ID"] == delivery.message_id


def test_the_centre_shows_the_notice_with_its_title(client, subscription, institution_admin):
    webhook_disabled_notify.apply(args=[subscription.pk])
    client.force_login(institution_admin)

    response = client.get(reverse("notifications:list"))

    assert f"Desactivamos un webhook que fallaba: {HOOK_URL}" in response.content.decode()


def test_a_repeated_task_tells_each_admin_once_and_a_new_disabling_tells_them_again(
    subscription, institution_admin
):
    assert webhook_disabled_notify.apply(args=[subscription.pk]).get() == 1
    assert webhook_disabled_notify.apply(args=[subscription.pk]).get() == 0

    # Switched back on, then off again after new failures: a new notice.
    subscription.disabled_at = timezone.now() + datetime.timedelta(hours=1)
    subscription.save()
    assert webhook_disabled_notify.apply(args=[subscription.pk]).get() == 1

    assert Notification.objects.filter(recipient=institution_admin).count() == 2
    assert EmailDelivery.objects.filter(recipient=institution_admin).count() == 2


def test_a_subscription_switched_back_on_or_deleted_before_the_task_ran_tells_nobody(
    subscription, institution_admin
):
    subscription.is_active = True
    subscription.save()
    assert webhook_disabled_notify.apply(args=[subscription.pk]).get() == 0
    missing = subscription.pk
    subscription.delete()
    assert webhook_disabled_notify.apply(args=[missing]).get() == 0

    assert not Notification.objects.exists()
    assert not EmailDelivery.objects.exists()


def test_a_partner_organisations_webhook_is_reported_to_its_contact_address(staff):
    key = ApiKey.objects.create(
        partner_name="Red de Vinculación",
        contact_email="tecnologia@red.example",
        name="CRM",
        prefix="pk_test_red",
        hashed_key="0" * 64,
        created_by=staff,
    )
    subscription = disabled_subscription(partner_key=key)

    assert webhook_disabled_notify.apply(args=[subscription.pk]).get() == 1

    assert not Notification.objects.exists()
    delivery = EmailDelivery.objects.get(kind="webhook_disabled")
    assert (delivery.recipient, delivery.to_email, delivery.language) == (
        None,
        "tecnologia@red.example",
        settings.LANGUAGE_CODE,
    )
    message = render(delivery, "es")
    assert "de Red de Vinculación porque falló 3 veces seguidas" in message.body
    assert f"{SITE}/admin/partners/webhooksubscription/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers


def test_nobody_can_turn_the_notice_off(client, institution_admin):
    with pytest.raises(ValueError, match="always e-mailed"):
        services.preferences_update(
            user=institution_admin, frequencies={"webhook_disabled": "never"}
        )
    form = PreferencesForm(current=selectors.preference_list_for_user(user=institution_admin))
    assert "webhook_disabled" not in form.fields
    client.force_login(institution_admin)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "un webhook desactivado por fallar" in page
    assert 'name="webhook_disabled"' not in page

    token = token_for_user(user_id=institution_admin.pk, topic="webhook_disabled")
    response = Client().post(reverse("notifications:unsubscribe", kwargs={"token": token}))

    assert response.status_code == 400
    assert not institution_admin.notification_preferences.exists()
    with pytest.raises(signing.BadSignature):
        services.unsubscribe(token=token)
