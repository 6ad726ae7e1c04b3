"""One delivery end to end through the real broker and a real Celery worker process."""

import pytest

from partners.models import WebhookDelivery
from partners.services import webhook_subscription_create
from partners.signing import signature_verify
from partners.tasks import webhook_event_dispatch
from tests.conftest import wait_for
from tests.factories.projects import PublishedProjectFactory


@pytest.fixture
def worker(monkeypatch, request):
    # The worker is another process: it reads these from its environment.
    monkeypatch.setenv("PARTNERS_WEBHOOK_ALLOW_LOOPBACK", "1")
    monkeypatch.setenv("PARTNERS_WEBHOOK_REQUIRE_HTTPS", "0")
    monkeypatch.setenv("SITE_URL", "https://puentes.example.org")
    return request.getfixturevalue("celery_worker")


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_published_project_reaches_the_receiver_through_a_real_worker(
    worker, receiver, allow_loopback, institution, institution_admin
):
    subscription = webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url=receiver.url,
        events=["project.published"],
    )
    project = PublishedProjectFactory(institution=institution)

    webhook_event_dispatch.delay(
        "project.published", {"project_id": project.pk}, "2026-06-01T16:00:00+00:00"
    )

    request = wait_for(lambda: receiver.requests and receiver.requests[0], timeout=30)
    delivery = wait_for(
        lambda: WebhookDelivery.objects.filter(
            subscription=subscription, status="delivered"
        ).first(),
        timeout=30,
    )
    assert request.json["data"]["project"]["url"] == (
        f"https://puentes.example.org/api/v1/projects/{project.pk}/"
    )
    assert signature_verify(
        secret=subscription.secret,
        header=request.headers["Puentes-Signature"],
        timestamp=request.headers["Puentes-Timestamp"],
        body=request.body,
    )
    assert (delivery.attempts, delivery.response_code) == (1, 200)
    assert request.headers["Puentes-Delivery"] == str(delivery.pk)
