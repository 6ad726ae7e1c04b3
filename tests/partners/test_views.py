"""Integration pages: institution admins issue and revoke keys and manage webhooks.

Personas: institution_admin, teammate (a liaison of the same institution), stranger (a
liaison of another institution), stranger_admin (its admin), anonymous."""

import pytest
from django.urls import reverse

from partners.models import ApiKey, WebhookDelivery, WebhookSubscription
from partners.services import api_key_issue, webhook_subscription_create
from partners.services.keys import key_hash
from tests.factories.partners import WebhookDeliveryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription(institution, institution_admin, settings):
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = True
    return webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url="https://crm.example.org/h",
        events=["project.published"],
    )


def url(name: str, *args) -> str:
    return reverse(f"partners:{name}", args=args)


def test_the_index_takes_an_admin_of_one_institution_straight_to_it(
    client, institution_admin, institution
):
    client.force_login(institution_admin)

    response = client.get(url("index"))

    assert response.status_code == 302
    assert response["Location"] == url("institution", institution.slug)


def test_the_index_explains_who_can_integrate_to_people_who_administer_nothing(client, teammate):
    client.force_login(teammate)

    response = client.get(url("index"))

    assert response.status_code == 200
    assert "Solo los administradores de una institución emiten claves" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(anonymous, institution):
    response = anonymous.get(url("institution", institution.slug))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("persona", ["teammate", "stranger", "stranger_admin"])
def test_only_admins_of_the_institution_see_its_integrations(
    client, request, persona, institution_admin, institution
):
    client.force_login(request.getfixturevalue(persona))
    key = api_key_issue(
        by=institution_admin,
        institution=institution_admin.memberships.get().institution,
        name="CRM",
        scopes=["projects:read"],
    ).api_key

    pages = [
        client.get(url("institution", institution.slug)),
        client.get(url("key_create", institution.slug)),
        client.post(url("key_revoke", institution.slug, key.pk)),
        client.get(url("webhook_create", institution.slug)),
    ]

    assert [p.status_code for p in pages] == [404, 404, 404, 404]
    key.refresh_from_db()
    assert key.revoked_at is None


def test_the_page_lists_keys_and_webhooks_with_empty_states(client, institution_admin, institution):
    client.force_login(institution_admin)

    response = client.get(url("institution", institution.slug))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Aún no hay claves." in html
    assert "Aún no hay webhooks." in html


def test_issuing_a_key_shows_it_once_and_stores_only_its_hash(
    client, institution_admin, institution
):
    client.force_login(institution_admin)

    response = client.post(
        url("key_create", institution.slug),
        {"name": "CRM de vinculación", "scopes": ["projects:read", "experts:read"]},
    )

    key = ApiKey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("key_created", institution.slug, key.pk)
    shown = client.get(response["Location"])
    assert "no-store" in shown["Cache-Control"]
    plaintext = shown.context["plaintext"]
    assert plaintext in shown.content.decode()
    assert key.hashed_key == key_hash(plaintext)
    assert (key.institution, key.created_by, key.scopes) == (
        institution,
        institution_admin,
        ["projects:read", "experts:read"],
    )
    listing = client.get(url("institution", institution.slug)).content.decode()
    assert key.prefix in listing
    assert plaintext not in listing


def test_reloading_the_new_key_page_neither_shows_it_again_nor_issues_another(
    client, institution_admin, institution
):
    client.force_login(institution_admin)
    created = client.post(
        url("key_create", institution.slug), {"name": "CRM", "scopes": ["projects:read"]}
    )
    first = client.get(created["Location"]).content.decode()

    reload = client.get(created["Location"]).content.decode()

    assert ApiKey.objects.count() == 1
    assert 'data-testid="api-key"' in first
    assert 'data-copy-target="api-key"' in first
    assert 'data-testid="api-key"' not in reload
    assert 'data-testid="key-already-shown"' in reload


def test_a_stranger_admin_cannot_open_the_new_key_page(
    client, institution_admin, institution, stranger_admin
):
    issued = api_key_issue(
        by=institution_admin, institution=institution, name="CRM", scopes=["projects:read"]
    )
    client.force_login(stranger_admin)

    response = client.get(url("key_created", institution.slug, issued.api_key.pk))

    assert response.status_code == 404


def test_a_key_form_without_scopes_shows_the_error(client, institution_admin, institution):
    client.force_login(institution_admin)

    response = client.post(url("key_create", institution.slug), {"name": "CRM"})

    assert response.status_code == 400
    assert "Este campo es requerido." in response.content.decode()
    assert not ApiKey.objects.exists()


def test_a_key_expiring_in_the_past_is_refused(client, institution_admin, institution):
    client.force_login(institution_admin)

    response = client.post(
        url("key_create", institution.slug),
        {"name": "CRM", "scopes": ["projects:read"], "expires_on": "2000-01-01"},
    )

    assert response.status_code == 400
    assert "La fecha de vencimiento debe estar en el futuro." in response.content.decode()


def test_a_key_expiring_on_the_last_day_of_the_calendar_is_a_form_error(
    client, institution_admin, institution
):
    client.force_login(institution_admin)

    response = client.post(
        url("key_create", institution.slug),
        {"name": "CRM", "scopes": ["projects:read"], "expires_on": "9999-12-31"},
    )

    assert response.status_code == 400
    assert "Esa fecha está demasiado lejos" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_revoking_a_key_stops_it_at_once(client, institution_admin, institution):
    issued = api_key_issue(
        by=institution_admin, institution=institution, name="CRM", scopes=["projects:read"]
    )
    client.force_login(institution_admin)

    response = client.post(url("key_revoke", institution.slug, issued.api_key.pk))

    assert response.status_code == 302
    issued.api_key.refresh_from_db()
    assert issued.api_key.revoked_by == institution_admin
    api = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}")
    assert api.status_code == 401


def test_subscribing_a_url_leads_to_its_page_with_the_secret(
    client, institution_admin, settings, institution
):
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = True
    client.force_login(institution_admin)

    response = client.post(
        url("webhook_create", institution.slug),
        {"url": "https://crm.example.org/puentes", "events": ["project.published"]},
        follow=True,
    )

    subscription = WebhookSubscription.objects.get()
    assert response.redirect_chain[-1][0] == url(
        "webhook_detail", institution.slug, subscription.pk
    )
    html = response.content.decode()
    assert subscription.secret in html
    assert "Aún no hubo entregas." in html
    assert "no-store" in response["Cache-Control"]


def test_a_private_url_is_refused_on_the_form(client, institution_admin, settings, institution):
    settings.PARTNERS_WEBHOOK_ALLOW_LOOPBACK = False
    client.force_login(institution_admin)

    response = client.post(
        url("webhook_create", institution.slug),
        {"url": "https://192.168.1.10/hook", "events": ["project.published"]},
    )

    assert response.status_code == 400
    assert "La URL apunta a una dirección privada o reservada." in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_editing_reactivates_a_disabled_webhook(
    client, institution_admin, subscription, institution
):
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=False, consecutive_failures=15
    )
    client.force_login(institution_admin)

    response = client.post(
        url("webhook_detail", institution.slug, subscription.pk),
        {
            "url": subscription.url,
            "events": ["project.published", "project.closed"],
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    subscription.refresh_from_db()
    assert (subscription.is_active, subscription.consecutive_failures) == (True, 0)
    assert subscription.events == ["project.published", "project.closed"]


def test_rotating_and_deleting_a_webhook(client, institution_admin, subscription, institution):
    client.force_login(institution_admin)
    old = subscription.secret

    rotated = client.post(url("webhook_rotate", institution.slug, subscription.pk))
    subscription.refresh_from_db()
    deleted = client.post(url("webhook_delete", institution.slug, subscription.pk))

    assert rotated.status_code == 302
    assert subscription.previous_secret == old != subscription.secret
    assert deleted.status_code == 302
    assert not WebhookSubscription.objects.exists()


def test_the_delivery_log_shows_results_and_redelivers_on_demand(
    client, institution_admin, subscription, django_capture_on_commit_callbacks, institution
):
    failed = WebhookDeliveryFactory(
        subscription=subscription,
        payload={"type": "project.published"},
        status="failed",
        attempts=8,
        response_code=500,
        duration_ms=42,
        error="receiver exploded",
    )
    client.force_login(institution_admin)

    page = client.get(url("webhook_detail", institution.slug, subscription.pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        redelivered = client.post(
            url("delivery_redeliver", institution.slug, subscription.pk, failed.pk)
        )

    html = page.content.decode()
    assert "receiver exploded" in html
    assert "42 ms" in html
    assert "Reenviar" in html
    assert redelivered.status_code == 302
    assert WebhookDelivery.objects.filter(redelivery_of=failed, status="pending").count() == 1
    assert len(callbacks) == 1


def test_a_stranger_cannot_see_or_redeliver_another_institutions_log(
    client, stranger_admin, subscription, institution
):
    delivery = WebhookDeliveryFactory(subscription=subscription, payload={})
    client.force_login(stranger_admin)

    detail = client.get(url("webhook_detail", institution.slug, subscription.pk))
    redeliver = client.post(
        url("delivery_redeliver", institution.slug, subscription.pk, delivery.pk)
    )

    assert (detail.status_code, redeliver.status_code) == (404, 404)
    assert WebhookDelivery.objects.count() == 1


def test_the_institution_page_costs_the_same_queries_with_more_rows(
    client, institution_admin, institution, django_assert_max_num_queries
):
    client.force_login(institution_admin)
    api_key_issue(
        by=institution_admin, institution=institution, name="CRM", scopes=["projects:read"]
    )
    client.get(url("institution", institution.slug))
    with django_assert_max_num_queries(12) as small:
        client.get(url("institution", institution.slug))
    for n in range(15):
        api_key_issue(
            by=institution_admin, institution=institution, name=f"K{n}", scopes=["projects:read"]
        )
        webhook_subscription_create(
            by=institution_admin,
            institution=institution,
            url=f"https://crm.example.org/{n}",
            events=["project.published"],
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("institution", institution.slug))

    assert len(response.context["keys_page"].object_list) == 16
