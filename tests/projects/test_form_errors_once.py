"""A refusal that belongs to no one field (already invited, already interested) is shown once
above the form: `as_div` already prints a form's non-field errors, so the templates must not
print them a second time."""

import pytest
from django.urls import reverse

from tests.factories.projects import InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

ALREADY_INVITED = "Ya invitaste a esta persona; espera su respuesta."


@pytest.fixture
def invited(institution, liaison, expert):
    project = PublishedProjectFactory(institution=institution, created_by=liaison)
    return InvitationFactory(project=project, expert=expert, invited_by=liaison)


def test_inviting_the_same_person_twice_says_so_once(client, liaison, expert, invited):
    client.force_login(liaison)

    response = client.post(
        reverse("projects:invite", args=[invited.project_id]),
        {"expert": expert.pk, "message": "Hola otra vez"},
    )

    assert response.status_code == 400
    assert response.content.decode().count(ALREADY_INVITED) == 1


def test_inviting_again_from_the_profile_picker_says_so_once(client, liaison, expert, invited):
    client.force_login(liaison)

    response = client.post(
        reverse("projects:invite_expert", args=[expert.pk]),
        {"project": invited.project_id, "message": "Hola otra vez"},
    )

    assert response.status_code == 400
    assert response.content.decode().count(ALREADY_INVITED) == 1
