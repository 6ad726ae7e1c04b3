"""Factories for API keys, webhook subscriptions and deliveries.

A factory-made key has no usable plaintext (only its hash is stored): tests that call the API
issue keys through partners.services.api_key_issue, as the site does."""

import uuid

import factory

from partners.models import ApiKey, ApiScope, WebhookDelivery, WebhookSubscription
from partners.services.keys import key_hash
from tests.factories.profiles import InstitutionFactory, UserFactory


class ApiKeyFactory(factory.django.DjangoModelFactory):
    """A key of an institution, with every scope."""

    class Meta:
        model = ApiKey

    institution = factory.SubFactory(InstitutionFactory)
    name = "CRM de vinculación"
    prefix = factory.Sequence(lambda n: f"pnt_{n:08x}")
    hashed_key = factory.LazyAttribute(lambda key: key_hash(f"{key.prefix}_sin-uso"))
    scopes = factory.LazyFunction(lambda: list(ApiScope.values))
    created_by = factory.SubFactory(UserFactory)


class WebhookSubscriptionFactory(factory.django.DjangoModelFactory):
    """An active subscription of an institution to project.published."""

    class Meta:
        model = WebhookSubscription

    institution = factory.SubFactory(InstitutionFactory)
    url = "https://crm.example.org/puentes/webhooks"
    events = factory.LazyFunction(lambda: ["project.published"])
    secret = factory.Sequence(lambda n: f"whsec_prueba{n:032d}")
    created_by = factory.SubFactory(UserFactory)


class WebhookDeliveryFactory(factory.django.DjangoModelFactory):
    """A pending delivery of project.published."""

    class Meta:
        model = WebhookDelivery

    subscription = factory.SubFactory(WebhookSubscriptionFactory)
    event = "project.published"
    event_id = factory.LazyFunction(uuid.uuid4)
    payload = factory.LazyFunction(
        lambda: {"type": "project.published", "data": {"project": {"id": 1}}}
    )
