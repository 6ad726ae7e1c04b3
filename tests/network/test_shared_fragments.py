"""Shared fragments (issue 20): list cards and the home page's text are rendered once and
shared; a change the owning app announces shows on the next request."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.services.experts import profile_reindex, profile_set_skills
from projects.events import project_changed
from projects.models import Project
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("profiles:directory")
PROJECTS = reverse("projects:list")


def queries_of(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_second_reader_gets_the_directory_cards_without_reading_their_rows_again(
    client, expert_owner, other_expert
):
    profile_reindex(profile=other_expert)
    client.force_login(expert_owner)
    first, html = queries_of(client, DIRECTORY)
    again, html_again = queries_of(client, DIRECTORY)

    assert "Pedro Otro" in html
    assert "Pedro Otro" in html_again
    assert again < first  # the cards' rows, skills, fields and languages are not read again


def test_a_skill_an_expert_adds_shows_on_the_directory_at_the_next_request(
    client, expert_owner, other_expert, django_capture_on_commit_callbacks
):
    profile_reindex(profile=other_expert)
    client.force_login(expert_owner)
    assert "Aprendizaje automático" not in client.get(DIRECTORY).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        profile_set_skills(
            profile=other_expert, skills=[("machine-learning", 4)], by=other_expert.user
        )

    assert "Aprendizaje automático" in client.get(DIRECTORY).content.decode()


def test_a_project_change_its_app_announces_shows_on_the_list_at_the_next_request(
    anonymous, django_capture_on_commit_callbacks
):
    project = PublishedProjectFactory(title="Riego por goteo")
    assert "Riego por goteo" in anonymous.get(PROJECTS).content.decode()

    # A write that leaves updated_at alone (as relation edits do), then the app's event.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(title="Riego de precisión")
        project_changed.send(sender=Project, project_id=project.pk)

    html = anonymous.get(PROJECTS).content.decode()
    assert "Riego de precisión" in html
    assert "Riego por goteo" not in html


def test_an_edited_project_row_shows_at_once_even_unannounced(anonymous):
    project = PublishedProjectFactory(title="Sensores de suelo")
    assert "Sensores de suelo" in anonymous.get(PROJECTS).content.decode()

    project.title = "Sensores de humedad"
    project.save()

    assert "Sensores de humedad" in anonymous.get(PROJECTS).content.decode()


def test_the_home_page_text_follows_the_reader_language_and_sign_in(anonymous, client, expert):
    spanish = anonymous.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    english = anonymous.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.force_login(expert.user)
    signed_in = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Únete a la red" in spanish
    assert "Únete a la red" not in english
    assert "Qué puedes pedirle a la red" in spanish
    assert "Únete a la red" not in signed_in


def test_each_directory_card_stays_with_its_own_profile(client, expert_owner):
    for name in ("Ana Uno", "Berta Dos", "Carla Tres"):
        profile_reindex(profile=ExpertProfileFactory(user__name=name))
    client.force_login(expert_owner)
    client.get(DIRECTORY)

    html = client.get(DIRECTORY).content.decode()

    assert html.index("Ana Uno") < html.index("Berta Dos") < html.index("Carla Tres")
