"""The upload form names the chapters in the reader's language."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from chapters.models import Chapter
from profiles.models import User
from tests.factories.chapters import ChapterFactory

pytestmark = pytest.mark.django_db


def test_the_chapters_to_import_into_are_named_in_english_for_an_english_reader(
    client: Client, staff: User, chapter: Chapter
) -> None:
    client.force_login(staff)
    client.cookies["django_language"] = "en"

    # The middleware activates the page's language in this thread: restore it afterwards.
    with translation.override(translation.get_language()):
        html = client.get(reverse("imports:list")).content.decode()

    assert f'<option value="{chapter.pk}">Houston Chapter</option>' in html
    assert "Capítulo Houston" not in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Austin Node", "Houston Chapter", "Toronto Chapter"]),
        ("es", ["Capítulo Houston", "Capítulo Toronto", "Nodo Austin"]),
    ],
)
def test_the_chapters_to_import_into_are_sorted_by_their_name_in_the_readers_language(
    client: Client, staff: User, chapter: Chapter, language: str, expected: list[str]
) -> None:
    ChapterFactory(name_es="Capítulo Toronto", name_en="Toronto Chapter")
    ChapterFactory(name_es="Nodo Austin", name_en="Austin Node")
    client.force_login(staff)
    client.cookies["django_language"] = language

    with translation.override(translation.get_language()):
        html = client.get(reverse("imports:list")).content.decode()

    select = re.search(r'<select name="chapter"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    assert re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', select[1]) == expected
