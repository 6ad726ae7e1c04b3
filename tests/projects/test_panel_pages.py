"""Long lists on the liaison's panel and project page come in pages (the shared control)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.views import engagements as engagement_views
from projects.views import projects as project_views
from tests.factories.projects import (
    InterestFactory,
    InvitationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_the_liaison_panel_pages_its_projects_finished_ones_included(
    client, institution, liaison, monkeypatch
):
    monkeypatch.setattr(engagement_views, "PROJECTS_PER_PAGE", 2)
    ProjectFactory(institution=institution, title="Borrador", status="draft")
    ProjectFactory(institution=institution, title="Terminado", status="completed")
    ProjectFactory(institution=institution, title="Cancelado uno", status="cancelled")
    ProjectFactory(institution=institution, title="Cancelado dos", status="cancelled")
    client.force_login(liaison)
    url = reverse("projects:dashboard")

    first = client.get(url)
    second = client.get(url, {"page": 2})

    def titles(response):
        return [
            (status, [p.title for p in projects])
            for status, _label, projects in response.context["liaison"].groups
        ]

    assert titles(first) == [("draft", ["Borrador"]), ("completed", ["Terminado"])]
    assert 'rel="next"' in first.content.decode()
    assert titles(second) == [("cancelled", ["Cancelado dos", "Cancelado uno"])]
    assert "Cancelado (2)" in second.content.decode()  # the status's total, not the page's


def test_a_projects_interests_and_invitations_page_each_on_its_own(
    client, institution, liaison, monkeypatch
):
    monkeypatch.setattr(project_views, "REQUESTS_PER_PAGE", 2)
    project = PublishedProjectFactory(institution=institution)
    for name in ["Ana", "Beto", "Carla"]:  # oldest first
        InterestFactory(project=project, expert__user__name=f"{name} Interesada")
        InvitationFactory(project=project, expert__user__name=f"{name} Invitada")
    client.force_login(liaison)
    url = reverse("projects:detail", args=[project.pk])

    first = client.get(url)
    second = client.get(url, {"intereses": 2})

    def names(response, key):
        return [request.expert.user.name for request in response.context[key]]

    assert names(first, "interests") == ["Carla Interesada", "Beto Interesada"]
    assert names(second, "interests") == ["Ana Interesada"]
    assert names(second, "invitations") == ["Carla Invitada", "Beto Invitada"]
    html = second.content.decode()
    assert 'href="?intereses=2&amp;invitaciones=2#invitations-title" rel="next"' in html
    assert 'href="?intereses=1#interests-title" rel="prev"' in html


def test_a_projects_page_costs_the_same_with_many_more_requests(
    client, institution, liaison, django_assert_max_num_queries
):
    project = PublishedProjectFactory(institution=institution)
    client.force_login(liaison)
    url = reverse("projects:detail", args=[project.pk])

    def add_requests(count):
        for _ in range(count):
            InterestFactory(project=project)
            InvitationFactory(project=project)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_requests(3)
    few = queries()
    add_requests(27)
    with django_assert_max_num_queries(few):
        queries()
    assert len(client.get(url).context["interests"]) == 20
