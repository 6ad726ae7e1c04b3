"""Query budgets of the integration pages' lists not covered elsewhere: the delivery log of a
webhook and the index of an admin of several institutions cost the same with more rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.services import webhook_subscription_create
from tests.factories.partners import WebhookDeliveryFactory
from tests.factories.profiles import MembershipFactory

pytestmark = pytest.mark.django_db

BUDGET = 12


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_delivery_log_costs_the_same_queries_with_more_deliveries(
    client, institution_admin, institution, settings, django_assert_max_num_queries
):
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = True
    subscription = webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url="https://crm.example.org/h",
        events=["project.published"],
    )
    url = reverse("partners:webhook_detail", args=[institution.slug, subscription.pk])
    client.force_login(institution_admin)
    WebhookDeliveryFactory(subscription=subscription, payload={})
    client.get(url)
    with django_assert_max_num_queries(BUDGET):
        few = _queries(client, url)

    WebhookDeliveryFactory.create_batch(30, subscription=subscription, payload={})
    with django_assert_max_num_queries(BUDGET):
        many = _queries(client, url)

    assert many == few
    assert len(client.get(url).context["deliveries_page"].object_list) > BUDGET


def test_the_integrations_index_costs_the_same_queries_with_more_institutions(
    client, institution_admin, django_assert_max_num_queries
):
    url = reverse("partners:index")
    client.force_login(institution_admin)
    MembershipFactory(user=institution_admin, role="admin")
    with django_assert_max_num_queries(BUDGET):
        few = _queries(client, url)

    MembershipFactory.create_batch(15, user=institution_admin, role="admin")
    with django_assert_max_num_queries(BUDGET):
        many = _queries(client, url)

    assert many == few
    assert len(client.get(url).context["institutions"]) == 17
