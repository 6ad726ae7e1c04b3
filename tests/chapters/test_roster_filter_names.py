"""The roster's filters list skills and languages by the name the reader sees, in the page's
language: an English page listed skills in the order of their Spanish names."""

import re

import pytest
from django.urls import reverse

from profiles.models.reference import normalize_term

pytestmark = pytest.mark.django_db


def labels_of(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    return [
        label.strip()
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[1])
        if value
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_roster_skills_are_sorted_by_their_name_in_the_page_language(
    chapter, coordinator, client_as, language
):
    url = reverse("chapters:roster", args=[chapter.slug])

    html = client_as(coordinator).get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    labels = labels_of(html, "skill")
    assert len(labels) > 50
    assert labels == sorted(labels, key=normalize_term)


def test_roster_languages_are_named_and_sorted_in_the_page_language(
    chapter, coordinator, client_as
):
    url = reverse("chapters:roster", args=[chapter.slug])

    html = client_as(coordinator).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    labels = labels_of(html, "language")
    assert "German (Deutsch)" in labels
    assert labels == sorted(labels, key=normalize_term)
