"""The chapter directory and the "chapters for you" box list chapters by the name they show, in
the page's language (accent-insensitive): they were in the order of the Spanish names, by SQL
collation (so "Ámsterdam" after "Red de Madrid"), on English pages too. So does a chapter page
list its members' fields of the same count."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from chapters.models import Chapter
from chapters.selectors.chapters import chapter_list_suggested
from profiles.models import FieldOfScience
from tests.factories.chapters import ChapterFactory, MembershipFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db

NAMES = [
    ("Red de Madrid", "Madrid Network"),
    ("Capítulo Houston", "Houston Chapter"),
    ("Ámsterdam", "Amsterdam"),
    ("Nodo Toronto", ""),  # no English name: English pages show the Spanish one
]
EXPECTED = {
    "es": ["Ámsterdam", "Capítulo Houston", "Nodo Toronto", "Red de Madrid"],
    "en": ["Amsterdam", "Houston Chapter", "Madrid Network", "Nodo Toronto"],
}


@pytest.fixture
def chapters() -> None:
    for name_es, name_en in NAMES:
        ChapterFactory(name_es=name_es, name_en=name_en, country="DE", city="Berlin")


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_directory_lists_chapters_by_their_name_in_the_page_language(
    client: Client, chapters: None, language: str
) -> None:
    with translation.override(translation.get_language()):
        html = client.get(reverse("chapters:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    listing = html.split('data-testid="chapter-list"')[1]
    assert re.findall(r"<h2><a [^>]*>([^<]*)</a></h2>", listing) == EXPECTED[language]


@pytest.mark.parametrize("language", ["es", "en"])
def test_suggested_chapters_are_sorted_by_their_name_in_the_page_language(
    chapters: None, language: str
) -> None:
    person = ExpertProfileFactory(country="DE", city="Munich").user

    with translation.override(language):
        names = [chapter.name for chapter in chapter_list_suggested(user=person)]

    assert names == EXPECTED[language]


@pytest.mark.parametrize(
    ("language", "listed"),
    [
        ("es", "Por campo: Ciencias físicas (1), Matemáticas (1)"),
        ("en", "By field: Mathematics (1), Physical sciences (1)"),
    ],
)
def test_a_chapter_page_lists_fields_of_the_same_count_by_their_name_in_the_page_language(
    client: Client, chapter: Chapter, language: str, listed: str
) -> None:
    for code in ("1.1", "1.3"):  # Matemáticas / Mathematics, Ciencias físicas / Physical sciences
        profile = ExpertProfileFactory()
        profile.fields.add(FieldOfScience.objects.get(code=code))
        MembershipFactory(chapter=chapter, user=profile.user)
    url = reverse("chapters:detail", args=[chapter.slug])

    with translation.override(translation.get_language()):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert listed in html
