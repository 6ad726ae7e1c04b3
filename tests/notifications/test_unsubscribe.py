"""One-click unsubscribe (RFC 8058): the signed link in every e-mail works without logging in,
GET only asks, POST (from the page or from the mail client, without a CSRF token) turns that
kind off and says so; a tampered link is refused with a clear page."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from notifications import services
from notifications.models import EmailDelivery, EmailOptOut, NotificationPreference
from notifications.unsubscribe import token_for_email, token_for_user
from profiles.services import institutions as institution_services
from tests.factories.notifications import NotificationPreferenceFactory
from tests.notifications.conftest import render

pytestmark = pytest.mark.django_db


def link_path(user, topic: str) -> str:
    return reverse(
        "notifications:unsubscribe", kwargs={"token": token_for_user(user_id=user.pk, topic=topic)}
    )


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def test_the_link_in_an_email_asks_before_unsubscribing(expert):
    notice = services.notification_create(
        recipient=expert.user,
        kind="invitation_received",
        key="k",
        payload={"project_title": "P", "institution_name": "I", "url": "/"},
    )
    assert notice is not None
    message = render(notice.email_delivery, "es")
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://127.0.0.1:8000")

    response = Client().get(path)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Te invitaron a un proyecto" in content
    assert f'action="{path}"' in content
    assert not NotificationPreference.objects.exists()


def test_a_mail_client_one_click_post_turns_the_kind_off_without_login_or_csrf(expert, csrf_client):
    path = link_path(expert.user, "invitation_received")

    response = csrf_client.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "Listo: ya no te enviaremos estos correos" in response.content.decode()
    preference = NotificationPreference.objects.get(user=expert.user)
    assert (preference.kind, preference.frequency) == ("invitation_received", "never")


def test_unsubscribing_twice_is_harmless(expert, csrf_client):
    path = link_path(expert.user, "invitation_received")

    csrf_client.post(path)
    response = csrf_client.post(path)

    assert response.status_code == 200
    assert NotificationPreference.objects.filter(user=expert.user).count() == 1


def test_a_tampered_link_is_refused_with_a_clear_page_and_changes_nothing(expert, csrf_client):
    token = token_for_user(user_id=expert.user.pk, topic="invitation_received")
    _payload, rest = token.split(":", 1)
    forged = signing.b64_encode(b'{"u":1,"t":"invitation_received"}').decode() + ":" + rest
    for bad in (forged, token[:-3] + "abc", "nada"):
        path = reverse("notifications:unsubscribe", kwargs={"token": bad})
        for response in (csrf_client.get(path), csrf_client.post(path)):
            assert response.status_code == 400
            assert "Este enlace no es válido" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_link_signed_for_another_purpose_is_refused(expert, client):
    token = signing.dumps({"u": expert.user.pk, "t": "invitation_received"}, salt="another.purpose")

    response = client.post(reverse("notifications:unsubscribe", kwargs={"token": token}))

    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_unsubscribing_from_the_daily_digest_turns_off_every_kind_it_carried(liaison, csrf_client):
    NotificationPreferenceFactory.create(user=liaison, kind="interest_received", frequency="daily")

    response = csrf_client.post(link_path(liaison, "digest_daily"))

    assert response.status_code == 200
    assert "Ya no recibirás el resumen diario." in response.content.decode()
    never = set(
        NotificationPreference.objects.filter(user=liaison, frequency="never").values_list(
            "kind", flat=True
        )
    )
    assert never == {"interest_received", "suggested_experts"}


def test_an_address_without_an_account_can_stop_institution_invitations(
    institution, institution_admin, csrf_client
):
    path = reverse(
        "notifications:unsubscribe",
        kwargs={"token": token_for_email(email="Nueva@Example.org", topic="membership_invitation")},
    )

    response = csrf_client.post(path)

    assert response.status_code == 200
    assert "No volveremos a escribir a esta dirección" in response.content.decode()
    assert EmailOptOut.objects.filter(
        email="nueva@example.org", kind="membership_invitation"
    ).exists()
    institution_services.membership_invite(
        institution=institution, by=institution_admin, email="nueva@example.org"
    )
    assert not EmailDelivery.objects.filter(to_email__iexact="nueva@example.org").exists()


def test_the_unsubscribe_page_is_the_only_csrf_exempt_view(expert, csrf_client):
    csrf_client.force_login(expert.user)

    response = csrf_client.post(reverse("notifications:mark_all_read"))

    assert response.status_code == 403
