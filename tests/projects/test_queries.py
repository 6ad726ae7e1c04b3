"""Query budgets: the list and both dashboards cost the same with 5 rows as with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import (
    EngagementFactory,
    InterestFactory,
    InvitationFactory,
    OutcomeFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db

BUDGET = 12


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _published_rows(count: int, institution=None) -> None:
    for _ in range(count):
        extra = {"institution": institution} if institution else {}
        PublishedProjectFactory(
            skill_slugs=["supply-chain", "logistics"], field_codes=["4.1", "5.2"], **extra
        )


def test_the_public_list_costs_the_same_with_more_projects(
    client, expert, django_assert_max_num_queries
):
    client.force_login(expert.user)
    url = reverse("projects:list")
    _published_rows(4)
    # The first request also renders the filter form, kept in the cache: run alone, the test
    # compared that request with one finding the form kept. Keep it, then add a row so both
    # requests below build the cards again.
    _queries(client, url)
    _published_rows(1)
    with django_assert_max_num_queries(BUDGET):
        few = _queries(client, url)

    _published_rows(25)
    with django_assert_max_num_queries(BUDGET):
        many = _queries(client, url)

    assert many == few
    assert len(client.get(url).context["projects"]) == 20  # the page holds more than BUDGET rows


def _liaison_rows(institution, count: int) -> None:
    for i in range(count):
        project = PublishedProjectFactory(institution=institution)
        InterestFactory(project=project)
        InvitationFactory(project=project)
        EngagementFactory(project=project)
        if i % 3 == 0:
            ProjectFactory(institution=institution)


def test_the_liaison_dashboard_costs_the_same_with_more_projects(
    client, institution, liaison, django_assert_max_num_queries
):
    client.force_login(liaison)
    url = reverse("projects:dashboard")
    _liaison_rows(institution, 5)
    with django_assert_max_num_queries(BUDGET):
        few = _queries(client, url)

    _liaison_rows(institution, 25)
    with django_assert_max_num_queries(BUDGET):
        many = _queries(client, url)

    assert many == few
    assert len(client.get(url).context["liaison"].pending_interests) == 30


def _expert_rows(expert, count: int) -> None:
    for _ in range(count):
        InterestFactory(expert=expert)
        InvitationFactory(expert=expert)
        engagement = EngagementFactory(expert=expert)
        OutcomeFactory(engagement=engagement)


def test_the_expert_dashboard_costs_the_same_with_more_rows(client, django_assert_max_num_queries):
    expert = ExpertProfileFactory(max_concurrent_engagements=20)
    client.force_login(expert.user)
    url = reverse("projects:dashboard")
    _expert_rows(expert, 5)
    with django_assert_max_num_queries(BUDGET):
        few = _queries(client, url)

    _expert_rows(expert, 25)
    with django_assert_max_num_queries(BUDGET):
        many = _queries(client, url)

    assert many == few
    dashboard = client.get(url).context["expert"]
    assert (len(dashboard.invitations), len(dashboard.engagements)) == (30, 30)


def test_the_project_page_of_a_busy_project_costs_the_same(
    client, institution, liaison, django_assert_max_num_queries
):
    project = PublishedProjectFactory(institution=institution, experts_sought=50)
    client.force_login(liaison)
    url = reverse("projects:detail", args=[project.pk])

    def add(count: int) -> None:
        for _ in range(count):
            InterestFactory(project=project)
            InvitationFactory(project=project)
            EngagementFactory(project=project)

    add(5)
    with django_assert_max_num_queries(20):
        few = _queries(client, url)
    add(25)
    with django_assert_max_num_queries(20):
        many = _queries(client, url)

    assert many == few
