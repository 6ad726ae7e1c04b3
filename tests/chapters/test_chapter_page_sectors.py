"""The chapter page counts its members by sector under the sector's name in the reader's
language, never its stored code."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from chapters.models import Chapter
from tests.factories.chapters import MembershipFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "named"), [("es", "Sector privado (2)"), ("en", "Private sector (2)")]
)
def test_the_members_by_sector_are_named_not_coded(
    client: Client, chapter: Chapter, language: str, named: str
) -> None:
    for _ in range(2):
        MembershipFactory(chapter=chapter, user=ExpertProfileFactory(sector="private").user)
    client.cookies["django_language"] = language

    # The middleware activates the page's language in this thread: restore it afterwards.
    with translation.override(translation.get_language()):
        html = client.get(reverse("chapters:detail", args=[chapter.slug])).content.decode()

    assert named in html
    assert "private (2)" not in html
