"""The upload form names the chapters in the reader's language."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from chapters.models import Chapter
from profiles.models import User

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
