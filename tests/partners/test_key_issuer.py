"""A partner key whose issuer can no longer issue it (left the staff, or was deactivated)
gets 401 on the API; its webhook subscriptions stop with it, queued deliveries included."""

import pytest

from partners import services
from partners.models import WebhookDelivery
from partners.services import api_key_issue, webhook_subscription_create
from partners.tasks import webhook_deliver
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

NOW = "2026-06-01T16:00:00+00:00"


def dispatch(event: str, **refs) -> list[int]:
    return services.webhook_event_dispatch(event=event, refs=refs, occurred_at=NOW)


@pytest.fixture
def partner_subscription(staff, receiver, allow_loopback):
    issued = api_key_issue(
        by=staff, name="Registro", scopes=["webhooks:manage"], partner_name="Registro nacional"
    )
    webhook_subscription_create(
        by=staff, partner_key=issued.api_key, url=receiver.url, events=["project.published"]
    )
    return issued.plaintext


def issuer_leaves(user, how: str) -> None:
    setattr(user, "is_staff" if how == "left_staff" else "is_active", False)
    user.save()


def test_a_partner_keys_subscription_hears_events_while_its_issuer_is_staff(partner_subscription):
    assert len(dispatch("project.published", project_id=PublishedProjectFactory().pk)) == 1


@pytest.mark.parametrize("how", ["left_staff", "deactivated"])
def test_a_partner_keys_subscription_gets_nothing_once_its_issuer_can_no_longer_issue_it(
    partner_subscription, staff, how
):
    issuer_leaves(staff, how)

    with pytest.raises(services.ApiKeyRejected):  # 401 on the API...
        services.api_key_authenticate(plaintext=partner_subscription)
    # ...and silence on the webhooks.
    assert dispatch("project.published", project_id=PublishedProjectFactory().pk) == []


@pytest.mark.parametrize("how", ["left_staff", "deactivated"])
def test_a_delivery_queued_before_the_issuer_left_is_never_sent(
    partner_subscription, staff, receiver, how
):
    [delivery_id] = dispatch("project.published", project_id=PublishedProjectFactory().pk)
    issuer_leaves(staff, how)

    webhook_deliver.apply(args=[delivery_id])

    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts) == ("failed", 0)
    assert delivery.error == "La clave de la organización aliada ya no es válida."
