"""A need that already has the people it sought offers no "Aceptar" on its pending interests
(accepting one is always refused then); the panel and the project page say why and keep
"Declinar"."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories.projects import InterestFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

STAFFED = "Este proyecto ya cuenta con las personas expertas que buscaba."


@pytest.mark.parametrize("staffed", [True, False])
def test_pending_interests_of_a_staffed_need_offer_only_declinar(
    client: Client, institution, liaison, expert, staffed
):
    project = PublishedProjectFactory(
        institution=institution, staffed_at=timezone.now() if staffed else None
    )
    interest = InterestFactory(project=project, expert=expert)
    client.force_login(liaison)

    pages = [
        client.get(reverse("projects:dashboard")).content.decode(),
        client.get(reverse("projects:detail", args=[project.pk])).content.decode(),
    ]

    accept = reverse("projects:interest_accept", args=[interest.pk])
    decline = reverse("projects:interest_decline", args=[interest.pk])
    assert [accept in page for page in pages] == [not staffed, not staffed]
    assert [decline in page for page in pages] == [True, True]
    assert [STAFFED in page for page in pages] == [staffed, staffed]
