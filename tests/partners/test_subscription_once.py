"""One subscription per owner and URL (an institution, or a partner organisation's key): a
second one would deliver every event twice. The site's form refuses it on the URL, the
database holds it, and the migration that added the rule merged the duplicates it found."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from partners.models import WebhookDelivery, WebhookSubscription
from partners.services import api_key_issue, subscriptions, webhook_subscription_create

pytestmark = pytest.mark.django_db

URL = "https://crm.example.org/h"
ALREADY = "Ya hay un webhook para esta URL: cambia sus eventos en lugar de suscribirla otra vez."


@pytest.fixture
def subscription(institution, institution_admin, settings):
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = True
    return webhook_subscription_create(
        by=institution_admin, institution=institution, url=URL, events=["project.published"]
    )


def test_the_site_form_refuses_a_url_the_institution_already_subscribed(
    client, institution_admin, institution, subscription
):
    client.force_login(institution_admin)

    response = client.post(
        reverse("partners:webhook_create", args=[institution.slug]),
        {"url": URL, "events": ["project.closed"]},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"url": [ALREADY]}
    assert list(WebhookSubscription.objects.values_list("pk", flat=True)) == [subscription.pk]


def test_other_owners_may_subscribe_the_same_url(
    subscription, stranger_institution, stranger_admin, staff
):
    issued = api_key_issue(
        by=staff, name="Registro", scopes=["webhooks:manage"], partner_name="Registro nacional"
    )
    for owner, by in [({"institution": stranger_institution}, stranger_admin)] + [
        ({"partner_key": issued.api_key}, staff)
    ]:
        webhook_subscription_create(by=by, url=URL, events=["project.published"], **owner)

    assert WebhookSubscription.objects.filter(url=URL).count() == 3


def test_the_database_refuses_a_second_subscription_of_the_same_url(subscription):
    with pytest.raises(IntegrityError), transaction.atomic():
        WebhookSubscription.objects.create(
            institution=subscription.institution, url=URL, events=["project.closed"], secret="x"
        )


def test_a_request_that_passed_the_check_at_the_same_time_gets_the_field_error_not_a_500(
    subscription, institution_admin, monkeypatch
):
    monkeypatch.setattr(subscriptions, "_require_url_free", lambda *args, **kwargs: None)

    with pytest.raises(ValidationError) as refused:
        webhook_subscription_create(
            by=institution_admin,
            institution=subscription.institution,
            url=URL,
            events=["project.closed"],
        )

    assert refused.value.message_dict == {"url": [ALREADY]}
    assert WebhookSubscription.objects.count() == 1


def test_the_migration_merges_duplicates_into_the_oldest(institution, institution_admin):
    migration = importlib.import_module("partners.migrations.0004_webhook_url_once_per_owner")
    # A database from before the rule: drop the constraint for this test's transaction only.
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE partners_webhooksubscription "
            "DROP CONSTRAINT webhook_url_once_per_institution"
        )
    oldest, later, disabled = (
        WebhookSubscription.objects.create(
            institution=institution,
            url=URL,
            events=events,
            secret=f"whsec_{n}",
            is_active=n == 1,
            created_at=timezone.now() + timezone.timedelta(minutes=n),
        )
        for n, events in enumerate(
            [["project.published"], ["match.created", "project.published"], ["project.closed"]]
        )
    )
    WebhookDelivery.objects.create(subscription=later, event="match.created", payload={})
    other_url = webhook_subscription_create(
        by=institution_admin, institution=institution, url=URL + "2", events=["match.created"]
    )

    migration.keep_the_oldest(apps, None)

    assert set(WebhookSubscription.objects.values_list("pk", flat=True)) == {
        other_url.pk,
        oldest.pk,
    }
    oldest.refresh_from_db()
    assert (oldest.secret, oldest.is_active) == ("whsec_0", True)
    assert oldest.events == ["project.published", "match.created", "project.closed"]
    assert not WebhookDelivery.objects.exists()
