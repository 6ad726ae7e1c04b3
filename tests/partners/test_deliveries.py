"""Webhook deliveries against a real HTTP receiver on 127.0.0.1 (started by each test):
signatures that verify with the documented recipe, retries with backoff, automatic disabling
(which sends the webhook_disabled event), and who hears which event."""

import textwrap
import time

import pytest
from django.utils import timezone

from api.schema import API_DESCRIPTION
from matching.models import Match
from partners import services
from partners.models import WebhookDelivery, WebhookSubscription
from partners.services import api_key_issue, webhook_subscription_create
from partners.signing import signature_verify
from partners.tasks import webhook_deliver, webhook_deliveries_sweep
from tests.factories.partners import WebhookDeliveryFactory
from tests.factories.profiles import ExpertProfileFactory, MembershipFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

NOW = "2026-06-01T16:00:00+00:00"


def documented_verify():
    """The `verify` function exactly as the API documentation prints it."""
    lines = str(API_DESCRIPTION).split("En Python:", 1)[1].splitlines()[1:]
    code = []
    for line in lines:
        if line.strip() and not line.startswith("    "):
            break
        code.append(line)
    namespace: dict = {}
    exec(textwrap.dedent("\n".join(code)), namespace)
    return namespace["verify"]


@pytest.fixture
def subscription(institution, institution_admin, receiver, allow_loopback):
    return webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url=receiver.url,
        events=["project.published", "project.closed", "match.created"],
    )


def dispatch(event: str, **refs) -> list[int]:
    return services.webhook_event_dispatch(event=event, refs=refs, occurred_at=NOW)


def test_a_delivery_is_signed_so_the_documented_recipe_verifies_it(
    subscription, receiver, institution
):
    project = PublishedProjectFactory(institution=institution, title="Cadena de frío")
    [delivery_id] = dispatch("project.published", project_id=project.pk)

    webhook_deliver.apply(args=[delivery_id])

    [request] = receiver.requests
    verify = documented_verify()
    assert verify(subscription.secret, request.headers, request.body)
    assert not verify("whsec_otro", request.headers, request.body)
    assert not verify(subscription.secret, request.headers, request.body + b" ")
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert request.headers["Puentes-Event"] == "project.published"
    assert request.headers["Puentes-Event-Id"] == str(delivery.event_id)
    assert request.headers["Puentes-Delivery"] == str(delivery.pk)
    assert request.headers["Content-Type"] == "application/json"
    assert request.json == {
        "id": str(delivery.event_id),
        "type": "project.published",
        "created_at": NOW,
        "api_version": "v1",
        "data": {
            "project": {
                "id": project.pk,
                "title": "Cadena de frío",
                "status": "published",
                "visibility": "public",
                "institution": {"id": institution.pk, "name": institution.name},
                "url": f"https://puentes.example.org/api/v1/projects/{project.pk}/",
                "web_url": f"https://puentes.example.org/proyectos/{project.pk}/",
            }
        },
    }
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 200)
    assert delivery.duration_ms is not None
    assert delivery.delivered_at is not None


def test_an_old_timestamp_does_not_verify(subscription, receiver, institution):
    project = PublishedProjectFactory(institution=institution)
    [delivery_id] = dispatch("project.published", project_id=project.pk)
    webhook_deliver.apply(args=[delivery_id])
    [request] = receiver.requests

    later = time.time() + 301
    assert not signature_verify(
        secret=subscription.secret,
        header=request.headers["Puentes-Signature"],
        timestamp=request.headers["Puentes-Timestamp"],
        body=request.body,
        now=later,
    )


def test_during_a_rotation_both_secrets_sign(
    subscription, receiver, institution_admin, institution
):
    old = subscription.secret
    rotated = services.webhook_secret_rotate(subscription=subscription, by=institution_admin)
    project = PublishedProjectFactory(institution=institution)
    [delivery_id] = dispatch("project.published", project_id=project.pk)

    webhook_deliver.apply(args=[delivery_id])

    [request] = receiver.requests
    assert request.headers["Puentes-Signature"].count("v1=") == 2
    verify = documented_verify()
    assert verify(rotated.secret, request.headers, request.body)
    assert verify(old, request.headers, request.body)


def test_a_failing_receiver_gets_retries_then_the_subscription_is_disabled_and_announced(
    subscription,
    receiver,
    institution,
    settings,
    webhook_disabled_heard,
    eager_tasks,
    django_capture_on_commit_callbacks,
):
    settings.PARTNERS_WEBHOOK_MAX_ATTEMPTS = 5
    settings.PARTNERS_WEBHOOK_MAX_FAILURES = 3
    receiver.statuses = [500]
    project = PublishedProjectFactory(institution=institution)
    [delivery_id] = dispatch("project.published", project_id=project.pk)

    with django_capture_on_commit_callbacks(execute=True):
        webhook_deliver.delay(delivery_id)  # eager: each retry runs at once

    assert len(receiver.requests) == 3  # then the subscription was switched off
    assert len({r.headers["Puentes-Event-Id"] for r in receiver.requests}) == 1
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 3, 500)
    assert delivery.error == "receiver exploded"
    subscription.refresh_from_db()
    assert subscription.is_active is False
    assert subscription.consecutive_failures == 3
    assert subscription.disabled_at is not None
    # Its owners are told by whoever hears the event (the notifications app), once.
    assert webhook_disabled_heard == [subscription.pk]


def test_a_receiver_that_recovers_resets_the_failure_count(
    subscription,
    receiver,
    institution,
    settings,
    webhook_disabled_heard,
    eager_tasks,
    django_capture_on_commit_callbacks,
):
    settings.PARTNERS_WEBHOOK_MAX_ATTEMPTS = 5
    settings.PARTNERS_WEBHOOK_MAX_FAILURES = 10
    receiver.statuses = [503, 502, 200]
    project = PublishedProjectFactory(institution=institution)
    [delivery_id] = dispatch("project.published", project_id=project.pk)

    with django_capture_on_commit_callbacks(execute=True):
        webhook_deliver.delay(delivery_id)  # eager: each retry runs at once

    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 3, 200)
    subscription.refresh_from_db()
    assert (subscription.is_active, subscription.consecutive_failures) == (True, 0)
    assert webhook_disabled_heard == []


def test_retries_wait_longer_each_time(settings):
    settings.PARTNERS_WEBHOOK_BACKOFF_BASE_SECONDS = 30
    settings.PARTNERS_WEBHOOK_BACKOFF_MAX_SECONDS = 1800

    assert [services.backoff_seconds(n) for n in range(1, 9)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1800,
        1800,
    ]


def test_a_failed_attempt_schedules_the_next_one_with_backoff(
    subscription, receiver, institution, settings
):
    settings.PARTNERS_WEBHOOK_BACKOFF_BASE_SECONDS = 30
    receiver.statuses = [500]
    project = PublishedProjectFactory(institution=institution)
    [delivery_id] = dispatch("project.published", project_id=project.pk)

    retry_in = services.webhook_delivery_attempt(delivery_id=delivery_id)

    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert retry_in == 30
    assert delivery.status == "retrying"
    assert 25 <= (delivery.next_attempt_at - timezone.now()).total_seconds() <= 30


def test_a_redirect_is_a_failure_and_is_not_followed(subscription, receiver, institution):
    receiver.statuses = [302]
    project = PublishedProjectFactory(institution=institution)
    [delivery_id] = dispatch("project.published", project_id=project.pk)

    services.webhook_delivery_attempt(delivery_id=delivery_id)

    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get(pk=delivery_id).response_code == 302


def test_a_slow_receiver_times_out(subscription, receiver, institution, settings):
    settings.PARTNERS_WEBHOOK_READ_TIMEOUT = 0.3
    receiver.delay = 1.0
    project = PublishedProjectFactory(institution=institution)
    [delivery_id] = dispatch("project.published", project_id=project.pk)

    started = time.monotonic()
    services.webhook_delivery_attempt(delivery_id=delivery_id)

    assert time.monotonic() - started < 1.0
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.response_code is None
    assert delivery.error == "El servidor no respondió a tiempo."


def test_loopback_is_refused_at_delivery_time_unless_allowed(
    subscription, receiver, institution, settings
):
    project = PublishedProjectFactory(institution=institution)
    [delivery_id] = dispatch("project.published", project_id=project.pk)
    settings.PARTNERS_WEBHOOK_ALLOW_LOOPBACK = False

    retry_in = services.webhook_delivery_attempt(delivery_id=delivery_id)

    assert retry_in is None
    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.error == (
        "Destino rechazado, sin reintentos: La URL apunta a una dirección privada o reservada."
    )
    # A refused destination fails at once (issue 18): the guard would refuse every retry.
    assert delivery.status == "failed"
    assert delivery.attempts == 1
    assert delivery.next_attempt_at is None


def test_a_host_name_is_resolved_and_pinned_to_the_checked_address(
    institution, institution_admin, receiver, allow_loopback
):
    port = receiver.server.server_address[1]
    named = webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url=f"http://localhost:{port}/hooks",
        events=["project.published"],
    )
    project = PublishedProjectFactory(institution=institution)
    [delivery_id] = dispatch("project.published", project_id=project.pk)

    services.webhook_delivery_attempt(delivery_id=delivery_id)

    [request] = receiver.requests
    assert request.headers["Host"] == f"localhost:{port}"
    assert WebhookDelivery.objects.get(pk=delivery_id, subscription=named).status == "delivered"


def test_dispatching_the_same_event_twice_creates_no_duplicates(subscription, institution):
    project = PublishedProjectFactory(institution=institution)

    first = dispatch("project.published", project_id=project.pk)
    second = dispatch("project.published", project_id=project.pk)

    assert len(first) == 1
    assert second == []
    assert WebhookDelivery.objects.count() == 1


def test_members_only_projects_reach_only_verified_institutions(
    subscription, institution, receiver, staff_key_subscription
):
    members_only = PublishedProjectFactory(institution=institution, visibility="members")
    public = PublishedProjectFactory(institution=institution)

    dispatch("project.published", project_id=members_only.pk)
    dispatch("project.published", project_id=public.pk)

    partner_events = WebhookDelivery.objects.filter(subscription=staff_key_subscription)
    assert [d.payload["data"]["project"]["id"] for d in partner_events] == [public.pk]
    assert WebhookDelivery.objects.filter(subscription=subscription).count() == 2


def test_match_events_reach_only_the_projects_institution(
    subscription, institution, stranger_institution, staff_key_subscription
):
    stranger_admin = MembershipFactory(institution=stranger_institution, role="admin").user
    others = webhook_subscription_create(
        by=stranger_admin,
        institution=stranger_institution,
        url="https://other.example.org/h",
        events=["match.created"],
    )
    project = PublishedProjectFactory(institution=institution)
    expert = ExpertProfileFactory()
    match = Match.objects.create(
        project=project,
        expert=expert,
        score=80,
        rank_score=80,
        algorithm_version="2026.1",
        computed_at=timezone.now(),
    )

    ids = dispatch("match.created", project_id=project.pk, expert_ids=[expert.pk])

    [delivery] = WebhookDelivery.objects.filter(pk__in=ids)
    assert delivery.subscription == subscription
    assert not WebhookDelivery.objects.filter(subscription__in=[others, staff_key_subscription])
    assert delivery.payload["data"]["matches"] == [
        {
            "id": match.pk,
            "expert_id": expert.pk,
            "score": 80.0,
            "algorithm_version": "2026.1",
            "expert_url": f"https://puentes.example.org/api/v1/experts/{expert.pk}/",
        }
    ]
    assert delivery.payload["data"]["url"] == (
        f"https://puentes.example.org/api/v1/institution/projects/{project.pk}/matches/"
    )


def test_unsubscribed_inactive_and_revoked_partner_subscriptions_get_nothing(
    subscription, institution, institution_admin, staff_key_subscription
):
    WebhookSubscription.objects.filter(pk=subscription.pk).update(is_active=False)
    services.api_key_revoke(
        api_key=staff_key_subscription.partner_key, by=staff_key_subscription.created_by
    )
    webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url="https://crm.example.org/h",
        events=["invitation.accepted"],
    )

    assert dispatch("project.published", project_id=PublishedProjectFactory().pk) == []


def test_an_expired_partner_keys_subscription_gets_nothing_like_a_revoked_ones(
    staff_key_subscription,
):
    # The key no longer opens the API (401): its webhooks stop with it too.
    project = PublishedProjectFactory()
    key = staff_key_subscription.partner_key
    key.expires_at = timezone.now() - timezone.timedelta(minutes=1)
    key.save(update_fields=["expires_at"])

    assert dispatch("project.published", project_id=project.pk) == []


def test_a_delivery_queued_before_its_partner_key_was_revoked_is_never_sent(
    staff, receiver, allow_loopback
):
    issued = api_key_issue(
        by=staff, name="Registro", scopes=["webhooks:manage"], partner_name="Registro nacional"
    )
    webhook_subscription_create(
        by=staff, partner_key=issued.api_key, url=receiver.url, events=["project.published"]
    )
    [delivery_id] = dispatch("project.published", project_id=PublishedProjectFactory().pk)
    services.api_key_revoke(api_key=issued.api_key, by=staff)

    webhook_deliver.apply(args=[delivery_id])

    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts) == ("failed", 0)
    assert delivery.error == "La clave de la organización aliada ya no es válida."


def test_the_sweep_requeues_deliveries_whose_task_was_lost(
    subscription, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - timezone.timedelta(hours=1)
    lost = WebhookDeliveryFactory(subscription=subscription, payload={}, created_at=long_ago)
    WebhookDeliveryFactory(subscription=subscription, payload={})

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        swept = webhook_deliveries_sweep()

    assert swept == 1
    assert len(callbacks) == 1
    lost.refresh_from_db()
    assert lost.next_attempt_at is not None
    assert webhook_deliveries_sweep() == 0  # not again until lost again


@pytest.fixture
def staff_key_subscription(staff, allow_loopback):
    issued = api_key_issue(
        by=staff, name="Registro", scopes=["webhooks:manage"], partner_name="Registro nacional"
    )
    return webhook_subscription_create(
        by=staff,
        partner_key=issued.api_key,
        url="https://registro.example.org/hooks",
        events=["project.published", "match.created"],
    )
