"""Django admin: staff issue partner keys (shown once), revoke keys, reactivate webhooks and
redeliver."""

import pytest
from django.urls import reverse

from partners.models import ApiKey, WebhookDelivery, WebhookSubscription
from partners.services import api_key_issue, webhook_subscription_create
from partners.services.keys import key_hash
from tests.factories.partners import WebhookDeliveryFactory
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_issue_a_partner_key_and_see_it_once(client, staff):
    client.force_login(staff)
    changelist = client.get(reverse("admin:partners_apikey_changelist"))
    response = client.post(
        reverse("admin:partners_apikey_issue"),
        {
            "partner_name": "Consejo Estatal de Ciencia",
            "contact_email": "sistemas@consejo.example",
            "name": "Registro estatal",
            "scopes": ["projects:read", "experts:read"],
        },
    )

    assert "Emitir una clave para una organización aliada" in changelist.content.decode()
    assert response.status_code == 200
    key = ApiKey.objects.get()
    plaintext = response.context["issued"].plaintext
    assert plaintext in response.content.decode()
    assert key.hashed_key == key_hash(plaintext)
    assert (key.institution, key.partner_name, key.created_by) == (
        None,
        "Consejo Estatal de Ciencia",
        staff,
    )


def test_a_partner_key_expiring_in_the_year_9999_is_a_form_error_not_a_broken_key_list(
    client, staff
):
    # 23:59 in Mexico City is already the year 10000 in UTC: PostgreSQL stored it, and every
    # later read of the row (the key list, the key itself) failed.
    client.force_login(staff)
    response = client.post(
        reverse("admin:partners_apikey_issue"),
        {
            "partner_name": "Consejo Estatal de Ciencia",
            "name": "Registro estatal",
            "scopes": ["projects:read"],
            "expires_at": "9999-12-31 23:59",
        },
    )

    assert response.status_code == 200
    assert "Esa fecha está demasiado lejos" in response.content.decode()
    assert not ApiKey.objects.exists()
    assert client.get(reverse("admin:partners_apikey_changelist")).status_code == 200


def test_the_issue_form_offers_partners_read_only_scopes(client, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:partners_apikey_issue"))

    html = response.content.decode()
    assert 'value="projects:read"' in html
    assert 'value="projects:write"' not in html
    assert 'value="matches:read"' not in html


def test_people_outside_the_staff_cannot_issue_partner_keys(client):
    client.force_login(UserFactory())

    response = client.get(reverse("admin:partners_apikey_issue"))

    assert response.status_code == 302
    assert not ApiKey.objects.exists()


def test_staff_revoke_keys_in_bulk(client, staff, institution, institution_admin):
    client.force_login(staff)
    keys = [
        api_key_issue(
            by=institution_admin, institution=institution, name=f"K{n}", scopes=["projects:read"]
        )
        for n in range(2)
    ]

    response = client.post(
        reverse("admin:partners_apikey_changelist"),
        {"action": "revoke", "_selected_action": [k.api_key.pk for k in keys]},
    )

    assert response.status_code == 302
    assert ApiKey.objects.filter(revoked_at__isnull=False, revoked_by=staff).count() == 2


def test_staff_reactivate_a_webhook_and_redeliver(
    client, staff, institution, institution_admin, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    subscription = webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url="https://crm.example.org/h",
        events=["project.published"],
    )
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=False, consecutive_failures=15
    )
    delivery = WebhookDeliveryFactory(subscription=subscription, payload={}, status="failed")

    client.post(
        reverse("admin:partners_webhooksubscription_changelist"),
        {"action": "reactivate", "_selected_action": [subscription.pk]},
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(
            reverse("admin:partners_webhookdelivery_changelist"),
            {"action": "redeliver", "_selected_action": [delivery.pk]},
        )

    subscription.refresh_from_db()
    assert (subscription.is_active, subscription.consecutive_failures) == (True, 0)
    assert WebhookDelivery.objects.filter(redelivery_of=delivery).count() == 1
    assert len(callbacks) == 1
    log = client.get(reverse("admin:partners_webhookdelivery_changelist"))
    assert log.status_code == 200
