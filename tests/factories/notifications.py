"""Factories for notices, outbox rows and e-mail preferences. They write rows directly (fast,
for fixtures, lists and query budgets); tests of how notices come to be go through
notifications.services and the domain events."""

import factory
from django.utils import timezone

from notifications.models import (
    EmailDelivery,
    Frequency,
    Kind,
    Notification,
    NotificationPreference,
)
from tests.factories.profiles import UserFactory


class NotificationFactory(factory.django.DjangoModelFactory[Notification]):
    """A notice that a project was approved, not e-mailed (frequency "never"), unread."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = Kind.PROJECT_APPROVED
    key = factory.Sequence(lambda n: f"test:notice:{n}")
    payload = factory.Sequence(
        lambda n: {
            "project_title": f"Proyecto {n}",
            "institution_name": "ITM",
            "url": f"/proyectos/{n}/",
        }
    )
    email_frequency = Frequency.NEVER
    created_at = factory.LazyFunction(timezone.now)
    read_at = None


class EmailDeliveryFactory(factory.django.DjangoModelFactory[EmailDelivery]):
    """A pending outbox row to an address, with no notice behind it."""

    class Meta:
        model = EmailDelivery

    kind = Kind.PROJECT_APPROVED
    to_email = factory.Sequence(lambda n: f"destino{n}@example.org")
    idempotency_key = factory.Sequence(lambda n: f"test:delivery:{n}")
    message_id = factory.LazyAttribute(lambda delivery: f"<{delivery.idempotency_key}@x>")


class NotificationPreferenceFactory(factory.django.DjangoModelFactory[NotificationPreference]):
    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)
    kind = Kind.INTEREST_RECEIVED
    frequency = Frequency.DAILY
