"""Asking for a project's suggestions again while a computation for it is queued or running
queues nothing more (each request used to queue another run); once it is done or failed, a new
request queues one."""

import pytest
from django.test import Client
from django.urls import reverse

from matching.models import MatchRun
from profiles.models import Institution, User
from tests.factories.matching import MatchRunFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

ALREADY = "Ya estamos calculando las sugerencias de este proyecto: aparecerán aquí al terminar."


def ask_again(client: Client, project_id: int) -> str:
    """POST "recompute suggestions" and follow to the page; returns the page's HTML."""
    response = client.post(reverse("matching:project_recompute", args=[project_id]), follow=True)
    assert response.redirect_chain == [
        (reverse("matching:project_suggestions", args=[project_id]), 302)
    ]
    return response.content.decode()


def runs(project_id: int) -> list[str]:
    return list(
        MatchRun.objects.filter(scope="project", object_id=project_id)
        .order_by("created_at", "pk")
        .values_list("status", flat=True)
    )


def test_asking_twice_queues_one_run_and_says_it_is_already_being_computed(
    client: Client, institution: Institution, liaison: User
) -> None:
    project = PublishedProjectFactory(institution=institution)
    client.force_login(liaison)

    first = ask_again(client, project.pk)
    second = ask_again(client, project.pk)

    assert runs(project.pk) == ["queued"]
    assert ALREADY not in first
    assert ALREADY in second


@pytest.mark.parametrize("status", ["queued", "running"])
def test_a_request_while_a_run_is_unfinished_queues_nothing(
    client: Client, institution: Institution, liaison: User, status: str
) -> None:
    project = PublishedProjectFactory(institution=institution)
    MatchRunFactory(object_id=project.pk, status=status)
    client.force_login(liaison)

    assert ALREADY in ask_again(client, project.pk)
    assert runs(project.pk) == [status]


@pytest.mark.parametrize("status", ["done", "failed"])
def test_a_request_after_a_run_finished_or_failed_queues_a_new_one(
    client: Client, institution: Institution, liaison: User, status: str
) -> None:
    project = PublishedProjectFactory(institution=institution)
    MatchRunFactory(object_id=project.pk, status=status)
    # Another project's unfinished run does not count.
    MatchRunFactory(object_id=PublishedProjectFactory(institution=institution).pk)
    client.force_login(liaison)

    assert ALREADY not in ask_again(client, project.pk)
    assert runs(project.pk) == [status, "queued"]


def test_the_message_is_translated(client: Client, institution: Institution, liaison: User):
    project = PublishedProjectFactory(institution=institution)
    MatchRunFactory(object_id=project.pk, status="running")
    client.force_login(liaison)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    html = ask_again(client, project.pk)

    assert "Suggestions for this project are already being computed" in html
