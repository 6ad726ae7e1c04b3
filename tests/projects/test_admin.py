"""Moderation in Django admin: the queue, approve and reject (bulk too), the audit trail."""

import pytest
from django.urls import reverse

from profiles.models import AuditEntry
from projects import services
from projects.models import Project
from tests.factories.projects import ProjectFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:projects_project_changelist")


@pytest.fixture
def submitted(institution, liaison):
    projects = ProjectFactory.create_batch(2, institution=institution)
    for project in projects:
        services.project_submit(project=project, by=liaison)
    return projects


def test_the_moderation_queue_lists_submitted_projects_only(client, staff, submitted, draft):
    client.force_login(staff)

    response = client.get(CHANGELIST, {"moderation": "queue"})

    assert response.status_code == 200
    shown = {p.pk for p in response.context["cl"].result_list}
    assert shown == {p.pk for p in submitted}


def test_bulk_approve_publishes_submitted_and_explains_the_rest(client, staff, submitted, draft):
    client.force_login(staff)

    response = client.post(
        CHANGELIST,
        {
            "action": "approve_projects",
            "_selected_action": [p.pk for p in [*submitted, draft]],
        },
        follow=True,
    )

    html = response.content.decode()
    assert "Se publicaron 2 proyectos." in html
    assert "Solo se publican proyectos en revisión" in html
    statuses = dict(Project.objects.values_list("pk", "status"))
    assert statuses == {
        submitted[0].pk: "published",
        submitted[1].pk: "published",
        draft.pk: "draft",
    }
    assert AuditEntry.objects.filter(action="project.publish").count() == 2


def test_reject_asks_for_the_reason_on_an_intermediate_page(client, staff, submitted):
    client.force_login(staff)
    selected = [p.pk for p in submitted]

    ask = client.post(CHANGELIST, {"action": "reject_projects", "_selected_action": selected})
    empty = client.post(
        CHANGELIST,
        {"action": "reject_projects", "_selected_action": selected, "apply": "1", "reason": ""},
    )
    done = client.post(
        CHANGELIST,
        {
            "action": "reject_projects",
            "_selected_action": selected,
            "apply": "1",
            "reason": "Falta describir el perfil buscado.",
        },
        follow=True,
    )

    assert ask.status_code == 200
    assert "Motivo del rechazo" in ask.content.decode()
    assert "Este campo es requerido." in empty.content.decode()
    assert "Se rechazaron 2 proyectos." in done.content.decode()
    for project in submitted:
        project.refresh_from_db()
        assert (project.status, project.rejection_reason) == (
            "rejected",
            "Falta describir el perfil buscado.",
        )
        assert project.transitions.last().note == "Falta describir el perfil buscado."


def test_the_change_page_shows_the_transition_log(client, staff, submitted, liaison):
    project = submitted[0]
    client.force_login(staff)

    html = client.get(reverse("admin:projects_project_change", args=[project.pk])).content.decode()

    assert "historial de estados" in html.lower()
    assert "En revisión" in html


def test_liaisons_cannot_reach_the_moderation_admin(client, liaison, submitted):
    client.force_login(liaison)

    response = client.post(
        CHANGELIST,
        {"action": "approve_projects", "_selected_action": [submitted[0].pk]},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert Project.objects.get(pk=submitted[0].pk).status == "submitted"


def test_the_decision_reaches_the_liaison_dashboard(client, staff, submitted, liaison):
    client.force_login(staff)
    client.post(CHANGELIST, {"action": "approve_projects", "_selected_action": [submitted[0].pk]})

    client.force_login(liaison)
    html = client.get(reverse("projects:dashboard")).content.decode()

    assert "Decisiones recientes de moderación" in html
    assert submitted[0].title in html
    assert "publicado" in html
