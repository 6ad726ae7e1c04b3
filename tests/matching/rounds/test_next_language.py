"""The next candidates after a declined invitation explain themselves in the reader's
language."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from matching.models import ExpertIndex
from profiles.models import ExpertProfile, Institution, User
from tests.factories.matching import MatchFactory
from tests.factories.projects import InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_the_next_candidates_reasons_are_in_english_for_an_english_reader(
    client: Client, institution: Institution, liaison: User, expert: ExpertProfile
) -> None:
    project = PublishedProjectFactory(institution=institution, created_by=liaison)
    InvitationFactory(project=project, expert=expert, status="declined", decline_reason="timing")
    next_best = MatchFactory(
        project=project, reasons_es=["Habla español e inglés"], reasons_en=["Speaks English"]
    )
    ExpertIndex.objects.create(profile=next_best.expert, is_available=True, capacity_left=2)
    client.force_login(liaison)
    client.cookies["django_language"] = "en"

    # The middleware activates the page's language in this thread: restore it afterwards.
    with translation.override(translation.get_language()):
        html = client.get(reverse("matching:rounds:project_next", args=[project.pk])).content

    assert b"Speaks English" in html
    assert "Habla español".encode() not in html
