"""The seats line of an event agrees with its capacity: an event for one person has one seat."""

import pytest
from django.urls import reverse

from tests.factories.chapters import EventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "detail", "card"),
    [
        ("es", "0 de 1 lugar ocupado", "0 de 1 lugar"),
        ("en", "0 of 1 seat taken", "0 of 1 seat"),
    ],
)
def test_an_event_for_one_person_speaks_of_one_seat(client, chapter, language, detail, card):
    event = EventFactory(chapter=chapter, capacity=1)
    client.cookies["django_language"] = language

    detail_html = " ".join(
        client.get(reverse("chapters:event_detail", args=[event.pk])).content.decode().split()
    )
    list_html = " ".join(client.get(reverse("chapters:event_list")).content.decode().split())

    assert detail in detail_html
    assert f"{card} " in list_html or f"{card}<" in list_html
