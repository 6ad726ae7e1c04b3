"""Webhook subscriptions and their delivery log through the API (scope webhooks:manage)."""

import datetime
import uuid

import pytest
from django.utils import timezone

from partners.models import WebhookDelivery, WebhookSubscription
from partners.services import webhook_subscription_create
from tests.api.conftest import client_with, iso

pytestmark = pytest.mark.django_db

URL = "https://crm.example.org/puentes/webhooks"


@pytest.fixture(autouse=True)
def _require_https(settings):
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = True
    settings.PARTNERS_WEBHOOK_ALLOW_LOOPBACK = False


@pytest.fixture
def subscription(institution, institution_admin):
    return webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url=URL,
        events=["project.published", "invitation.accepted"],
        description="CRM",
    )


def subscription_payload(subscription: WebhookSubscription) -> dict:
    subscription.refresh_from_db()
    return {
        "id": subscription.pk,
        "url": subscription.url,
        "description": subscription.description,
        "events": subscription.events,
        "is_active": subscription.is_active,
        "consecutive_failures": subscription.consecutive_failures,
        "disabled_at": iso(subscription.disabled_at),
        "previous_secret_expires_at": iso(subscription.previous_secret_expires_at),
        "created_at": iso(subscription.created_at),
        "updated_at": iso(subscription.updated_at),
    }


def make_delivery(subscription, **kwargs) -> WebhookDelivery:
    defaults = {
        "event": "project.published",
        "event_id": uuid.uuid4(),
        "payload": {"type": "project.published", "data": {"project": {"id": 1}}},
        "status": "delivered",
        "attempts": 1,
        "response_code": 200,
        "duration_ms": 120,
        "last_attempt_at": timezone.now(),
        "delivered_at": timezone.now(),
    }
    return WebhookDelivery.objects.create(subscription=subscription, **{**defaults, **kwargs})


def test_subscribing_returns_the_secret_once(api, institution, institution_admin):
    response = api.post(
        "/api/v1/webhooks/",
        {"url": URL, "events": ["invitation.accepted", "project.published"], "description": "CRM"},
        format="json",
    )

    assert response.status_code == 201
    subscription = WebhookSubscription.objects.get()
    assert response.json() == {**subscription_payload(subscription), "secret": subscription.secret}
    assert subscription.secret.startswith("whsec_")
    assert subscription.events == ["project.published", "invitation.accepted"]
    assert (subscription.institution, subscription.created_by) == (institution, institution_admin)
    assert "secret" not in api.get(f"/api/v1/webhooks/{subscription.pk}/").json()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://10.0.0.5/hook", "La URL apunta a una dirección privada o reservada."),
        ("https://127.0.0.1/hook", "La URL apunta a una dirección privada o reservada."),
        ("https://[::1]/hook", "La URL apunta a una dirección privada o reservada."),
        ("https://169.254.169.254/latest", "La URL apunta a una dirección privada o reservada."),
        ("https://localhost/hook", "La URL apunta a este mismo servidor."),
        ("http://crm.example.org/hook", "La URL debe usar https://."),
        (
            "https://user:pw@crm.example.org/hook",
            "No incluyas usuario ni contraseña en la URL: verifica la firma de cada entrega.",
        ),
    ],
)
def test_private_loopback_and_plain_http_urls_are_refused(api, url, message):
    response = api.post(
        "/api/v1/webhooks/", {"url": url, "events": ["project.published"]}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Revisa los datos enviados: hay campos con errores.",
            "fields": {"url": [message]},
        }
    }
    assert not WebhookSubscription.objects.exists()


def test_unknown_events_are_refused(api):
    response = api.post(
        "/api/v1/webhooks/", {"url": URL, "events": ["project.exploded"]}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["events.0"]


def test_the_list_shows_my_institutions_subscriptions(api, subscription, stranger_api):
    response = api.get("/api/v1/webhooks/")

    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [subscription_payload(subscription)],
    }
    assert stranger_api.get("/api/v1/webhooks/").json()["count"] == 0
    assert stranger_api.get(f"/api/v1/webhooks/{subscription.pk}/").status_code == 404
    assert stranger_api.delete(f"/api/v1/webhooks/{subscription.pk}/").status_code == 404
    assert WebhookSubscription.objects.filter(pk=subscription.pk).exists()


def test_a_partner_key_manages_its_own_subscriptions(make_key, subscription):
    key, plaintext = make_key(["webhooks:manage"], partner_name="Registro nacional")
    partner = client_with(plaintext)

    created = partner.post(
        "/api/v1/webhooks/", {"url": URL, "events": ["project.published"]}, format="json"
    )

    assert created.status_code == 201
    assert WebhookSubscription.objects.get(pk=created.json()["id"]).partner_key == key
    assert [row["id"] for row in partner.get("/api/v1/webhooks/").json()["results"]] == [
        created.json()["id"]
    ]


def test_reactivating_clears_the_failure_count(api, subscription):
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=False, consecutive_failures=15, disabled_at=timezone.now()
    )

    response = api.patch(f"/api/v1/webhooks/{subscription.pk}/", {"is_active": True}, format="json")

    assert response.status_code == 200
    assert response.json() == subscription_payload(subscription)
    assert (subscription.is_active, subscription.consecutive_failures) == (True, 0)
    assert subscription.disabled_at is None


def test_rotating_keeps_the_previous_secret_for_a_grace_period(api, subscription, settings):
    settings.PARTNERS_WEBHOOK_SECRET_GRACE_HOURS = 24
    old = subscription.secret

    response = api.post(f"/api/v1/webhooks/{subscription.pk}/rotate-secret/")

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert response.json()["secret"] == subscription.secret != old
    assert subscription.previous_secret == old
    assert subscription.signing_secrets() == [subscription.secret, old]
    grace = subscription.previous_secret_expires_at - timezone.now()
    assert datetime.timedelta(hours=23) < grace <= datetime.timedelta(hours=24)


def test_deleting_removes_the_subscription_and_its_log(api, subscription):
    make_delivery(subscription)

    response = api.delete(f"/api/v1/webhooks/{subscription.pk}/")

    assert response.status_code == 204
    assert not WebhookSubscription.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_the_delivery_log_shows_each_attempts_result(api, subscription):
    failed = make_delivery(
        subscription,
        status="failed",
        attempts=8,
        response_code=500,
        duration_ms=30,
        error="Internal Server Error",
        delivered_at=None,
    )

    response = api.get(f"/api/v1/webhooks/{subscription.pk}/deliveries/", {"status": "failed"})

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": failed.pk,
                "event": "project.published",
                "event_id": str(failed.event_id),
                "status": "failed",
                "attempts": 8,
                "response_code": 500,
                "duration_ms": 30,
                "error": "Internal Server Error",
                "payload": {"type": "project.published", "data": {"project": {"id": 1}}},
                "redelivery_of": None,
                "created_at": iso(failed.created_at),
                "last_attempt_at": iso(failed.last_attempt_at),
                "next_attempt_at": None,
                "delivered_at": None,
            }
        ],
    }


def test_redelivering_queues_the_same_event_again_on_commit(
    api, subscription, django_capture_on_commit_callbacks
):
    original = make_delivery(subscription, status="failed", delivered_at=None)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = api.post(
            f"/api/v1/webhooks/{subscription.pk}/deliveries/{original.pk}/redeliver/"
        )

    assert response.status_code == 202
    again = WebhookDelivery.objects.get(redelivery_of=original)
    assert response.json()["id"] == again.pk
    assert (again.event_id, again.payload, again.status, again.attempts) == (
        original.event_id,
        original.payload,
        "pending",
        0,
    )
    assert len(callbacks) == 1


def test_a_disabled_subscription_is_not_redelivered(api, subscription):
    original = make_delivery(subscription, status="failed", delivered_at=None)
    WebhookSubscription.objects.filter(pk=subscription.pk).update(is_active=False)

    response = api.post(f"/api/v1/webhooks/{subscription.pk}/deliveries/{original.pk}/redeliver/")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "subscription_inactive"


def test_another_institution_cannot_redeliver_or_read_my_log(stranger_api, subscription):
    delivery = make_delivery(subscription)

    assert stranger_api.get(f"/api/v1/webhooks/{subscription.pk}/deliveries/").status_code == 404
    response = stranger_api.post(
        f"/api/v1/webhooks/{subscription.pk}/deliveries/{delivery.pk}/redeliver/"
    )
    assert response.status_code == 404
    assert WebhookDelivery.objects.count() == 1


def test_webhook_lists_cost_the_same_queries_with_more_rows(
    api, subscription, institution, institution_admin, django_assert_max_num_queries
):
    make_delivery(subscription)
    api.get("/api/v1/me/")
    with django_assert_max_num_queries(3):
        api.get("/api/v1/webhooks/")
    with django_assert_max_num_queries(4):
        api.get(f"/api/v1/webhooks/{subscription.pk}/deliveries/")
    for n in range(20):
        make_delivery(subscription)
        webhook_subscription_create(
            by=institution_admin,
            institution=institution,
            url=f"{URL}/{n}",
            events=["project.published"],
        )
    with django_assert_max_num_queries(3):
        subscriptions = api.get("/api/v1/webhooks/", {"page_size": 25})
    with django_assert_max_num_queries(4):
        deliveries = api.get(f"/api/v1/webhooks/{subscription.pk}/deliveries/", {"page_size": 25})

    assert len(subscriptions.json()["results"]) == 21
    assert len(deliveries.json()["results"]) == 21


ALREADY_SUBSCRIBED = {
    "error": {
        "code": "invalid",
        "message": "Revisa los datos enviados: hay campos con errores.",
        "fields": {
            "url": [
                "Ya hay un webhook para esta URL: cambia sus eventos en lugar de suscribirla "
                "otra vez."
            ]
        },
    }
}


def test_subscribing_a_url_already_subscribed_is_refused_on_the_url_field(api, subscription):
    # The receiver would get every event twice; the first answer already gave the secret.
    response = api.post(
        "/api/v1/webhooks/", {"url": URL, "events": ["project.closed"]}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == ALREADY_SUBSCRIBED
    assert list(WebhookSubscription.objects.values_list("pk", "events")) == [
        (subscription.pk, ["project.published", "invitation.accepted"])
    ]


def test_moving_a_webhook_onto_a_url_already_subscribed_is_refused(api, subscription):
    other = api.post(
        "/api/v1/webhooks/",
        {"url": "https://crm.example.org/otro", "events": ["project.closed"]},
        format="json",
    ).json()

    response = api.patch(f"/api/v1/webhooks/{other['id']}/", {"url": URL}, format="json")

    assert response.status_code == 400
    assert response.json() == ALREADY_SUBSCRIBED
    assert WebhookSubscription.objects.get(pk=other["id"]).url == "https://crm.example.org/otro"
