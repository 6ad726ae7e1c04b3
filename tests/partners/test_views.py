"""Integration pages: institution admins issue and revoke keys and manage webhooks.

Personas: owner (admin of the institution), team-mate (liaison of the same institution),
stranger (admin of another institution), anonymous."""

import uuid

import pytest
from django.urls import reverse

from partners.models import ApiKey, WebhookDelivery, WebhookSubscription
from partners.services import api_key_issue, webhook_subscription_create
from partners.services.keys import key_hash
from tests.factories.profiles import InstitutionFactory, MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]


@pytest.fixture
def institution():
    return InstitutionFactory(name="Universidad de Colima", slug="universidad-de-colima")


@pytest.fixture
def owner(institution):
    return MembershipFactory(institution=institution, role="admin").user


@pytest.fixture
def teammate(institution):
    return MembershipFactory(institution=institution, role="liaison").user


@pytest.fixture
def stranger():
    return MembershipFactory(role="admin").user


@pytest.fixture
def subscription(institution, owner, settings):
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = True
    return webhook_subscription_create(
        by=owner,
        institution=institution,
        url="https://crm.example.org/h",
        events=["project.published"],
    )


def url(name: str, *args) -> str:
    return reverse(f"partners:{name}", args=args)


def test_the_index_takes_an_admin_of_one_institution_straight_to_it(client, owner):
    client.force_login(owner)

    response = client.get(url("index"))

    assert response.status_code == 302
    assert response["Location"] == url("institution", "universidad-de-colima")


def test_the_index_explains_who_can_integrate_to_people_who_administer_nothing(client, teammate):
    client.force_login(teammate)

    response = client.get(url("index"))

    assert response.status_code == 200
    assert "Solo los administradores de una institución emiten claves" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(url("institution", "universidad-de-colima"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("persona", ["teammate", "stranger"])
def test_only_admins_of_the_institution_see_its_integrations(client, request, persona, owner):
    client.force_login(request.getfixturevalue(persona))
    key = api_key_issue(
        by=owner,
        institution=owner.memberships.get().institution,
        name="CRM",
        scopes=["projects:read"],
    ).api_key

    pages = [
        client.get(url("institution", "universidad-de-colima")),
        client.get(url("key_create", "universidad-de-colima")),
        client.post(url("key_revoke", "universidad-de-colima", key.pk)),
        client.get(url("webhook_create", "universidad-de-colima")),
    ]

    assert [p.status_code for p in pages] == [404, 404, 404, 404]
    key.refresh_from_db()
    assert key.revoked_at is None


def test_the_page_lists_keys_and_webhooks_with_empty_states(client, owner):
    client.force_login(owner)

    response = client.get(url("institution", "universidad-de-colima"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Aún no hay claves." in html
    assert "Aún no hay webhooks." in html


def test_issuing_a_key_shows_it_once_and_stores_only_its_hash(client, owner, institution):
    client.force_login(owner)

    response = client.post(
        url("key_create", "universidad-de-colima"),
        {"name": "CRM de vinculación", "scopes": ["projects:read", "experts:read"]},
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = ApiKey.objects.get()
    plaintext = response.context["issued"].plaintext
    assert plaintext in response.content.decode()
    assert key.hashed_key == key_hash(plaintext)
    assert (key.institution, key.created_by, key.scopes) == (
        institution,
        owner,
        ["projects:read", "experts:read"],
    )
    listing = client.get(url("institution", "universidad-de-colima")).content.decode()
    assert key.prefix in listing
    assert plaintext not in listing


def test_a_key_form_without_scopes_shows_the_error(client, owner):
    client.force_login(owner)

    response = client.post(url("key_create", "universidad-de-colima"), {"name": "CRM"})

    assert response.status_code == 400
    assert "Este campo es requerido." in response.content.decode()
    assert not ApiKey.objects.exists()


def test_a_key_expiring_in_the_past_is_refused(client, owner):
    client.force_login(owner)

    response = client.post(
        url("key_create", "universidad-de-colima"),
        {"name": "CRM", "scopes": ["projects:read"], "expires_on": "2000-01-01"},
    )

    assert response.status_code == 400
    assert "La fecha de vencimiento debe estar en el futuro." in response.content.decode()


def test_revoking_a_key_stops_it_at_once(client, owner, institution):
    issued = api_key_issue(by=owner, institution=institution, name="CRM", scopes=["projects:read"])
    client.force_login(owner)

    response = client.post(url("key_revoke", "universidad-de-colima", issued.api_key.pk))

    assert response.status_code == 302
    issued.api_key.refresh_from_db()
    assert issued.api_key.revoked_by == owner
    api = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}")
    assert api.status_code == 401


def test_subscribing_a_url_leads_to_its_page_with_the_secret(client, owner, settings):
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = True
    client.force_login(owner)

    response = client.post(
        url("webhook_create", "universidad-de-colima"),
        {"url": "https://crm.example.org/puentes", "events": ["project.published"]},
        follow=True,
    )

    subscription = WebhookSubscription.objects.get()
    assert response.redirect_chain[-1][0] == url(
        "webhook_detail", "universidad-de-colima", subscription.pk
    )
    html = response.content.decode()
    assert subscription.secret in html
    assert "Aún no hubo entregas." in html
    assert "no-store" in response["Cache-Control"]


def test_a_private_url_is_refused_on_the_form(client, owner, settings):
    settings.PARTNERS_WEBHOOK_ALLOW_LOOPBACK = False
    client.force_login(owner)

    response = client.post(
        url("webhook_create", "universidad-de-colima"),
        {"url": "https://192.168.1.10/hook", "events": ["project.published"]},
    )

    assert response.status_code == 400
    assert "La URL apunta a una dirección privada o reservada." in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_editing_reactivates_a_disabled_webhook(client, owner, subscription):
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=False, consecutive_failures=15
    )
    client.force_login(owner)

    response = client.post(
        url("webhook_detail", "universidad-de-colima", subscription.pk),
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


def test_rotating_and_deleting_a_webhook(client, owner, subscription):
    client.force_login(owner)
    old = subscription.secret

    rotated = client.post(url("webhook_rotate", "universidad-de-colima", subscription.pk))
    subscription.refresh_from_db()
    deleted = client.post(url("webhook_delete", "universidad-de-colima", subscription.pk))

    assert rotated.status_code == 302
    assert subscription.previous_secret == old != subscription.secret
    assert deleted.status_code == 302
    assert not WebhookSubscription.objects.exists()


def test_the_delivery_log_shows_results_and_redelivers_on_demand(
    client, owner, subscription, django_capture_on_commit_callbacks
):
    failed = WebhookDelivery.objects.create(
        subscription=subscription,
        event="project.published",
        event_id=uuid.uuid4(),
        payload={"type": "project.published"},
        status="failed",
        attempts=8,
        response_code=500,
        duration_ms=42,
        error="receiver exploded",
    )
    client.force_login(owner)

    page = client.get(url("webhook_detail", "universidad-de-colima", subscription.pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        redelivered = client.post(
            url("delivery_redeliver", "universidad-de-colima", subscription.pk, failed.pk)
        )

    html = page.content.decode()
    assert "receiver exploded" in html
    assert "42 ms" in html
    assert "Reenviar" in html
    assert redelivered.status_code == 302
    assert WebhookDelivery.objects.filter(redelivery_of=failed, status="pending").count() == 1
    assert len(callbacks) == 1


def test_a_stranger_cannot_see_or_redeliver_another_institutions_log(
    client, stranger, subscription
):
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="project.published", event_id=uuid.uuid4(), payload={}
    )
    client.force_login(stranger)

    detail = client.get(url("webhook_detail", "universidad-de-colima", subscription.pk))
    redeliver = client.post(
        url("delivery_redeliver", "universidad-de-colima", subscription.pk, delivery.pk)
    )

    assert (detail.status_code, redeliver.status_code) == (404, 404)
    assert WebhookDelivery.objects.count() == 1


def test_the_institution_page_costs_the_same_queries_with_more_rows(
    client, owner, institution, django_assert_max_num_queries
):
    client.force_login(owner)
    api_key_issue(by=owner, institution=institution, name="CRM", scopes=["projects:read"])
    client.get(url("institution", "universidad-de-colima"))
    with django_assert_max_num_queries(12) as small:
        client.get(url("institution", "universidad-de-colima"))
    for n in range(15):
        api_key_issue(by=owner, institution=institution, name=f"K{n}", scopes=["projects:read"])
        webhook_subscription_create(
            by=owner,
            institution=institution,
            url=f"https://crm.example.org/{n}",
            events=["project.published"],
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("institution", "universidad-de-colima"))

    assert len(response.context["keys_page"].object_list) == 16
