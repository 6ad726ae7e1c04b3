"""A need that takes no invitation right now (it has the people it sought, or it is paused)
says so on its suggestion pages instead of offering "Invitar" buttons that only lead to a
refusal."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories.matching import MatchFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

STAFFED = "Este proyecto ya cuenta con las personas expertas que buscaba"


@pytest.mark.parametrize("field", ["staffed_at", "paused_at"])
def test_a_staffed_or_paused_need_offers_no_invite_button(
    client: Client, institution, liaison, field
):
    project = PublishedProjectFactory(institution=institution, **{field: timezone.now()})
    match = MatchFactory(project=project)
    client.force_login(liaison)

    html = client.get(reverse("matching:project_suggestions", args=[project.pk])).content.decode()

    assert 'data-testid="suggestion"' in html
    assert f"{reverse('projects:invite', args=[project.pk])}?expert={match.expert_id}" not in html
    assert 'data-testid="no-invitations"' in html
    assert (STAFFED in html) == (field == "staffed_at")


def test_an_open_need_still_offers_the_invite_button(client: Client, institution, liaison):
    project = PublishedProjectFactory(institution=institution)
    match = MatchFactory(project=project)
    client.force_login(liaison)

    html = client.get(reverse("matching:project_suggestions", args=[project.pk])).content.decode()

    assert f"{reverse('projects:invite', args=[project.pk])}?expert={match.expert_id}" in html
    assert 'data-testid="no-invitations"' not in html
