"""Long lists on the liaison's panel and project page come in pages (the shared control)."""

import pytest
from django.urls import reverse

from projects.views import engagements as engagement_views
from tests.factories.projects import ProjectFactory

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
