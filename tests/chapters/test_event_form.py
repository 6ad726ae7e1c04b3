"""The event form refuses, in words a coordinator can act on, an event that already started
and a capacity of nobody."""

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from chapters.models import Chapter
from profiles.models import User

pytestmark = pytest.mark.django_db

EVENT = {
    "kind": "meetup",
    "title_es": "Encuentro de otoño",
    "starts_at": "2030-07-10T18:00",
    "ends_at": "2030-07-10T19:00",
    "timezone": "America/Chicago",
    "visibility": "public",
}


@time_machine.travel("2030-07-11 12:00Z", tick=False)
def test_an_event_that_starts_in_the_past_is_a_form_error(
    chapter: Chapter, coordinator: User, client: Client
) -> None:
    client.force_login(coordinator)

    response = client.post(reverse("chapters:event_create", args=[chapter.slug]), EVENT)

    assert response.status_code == 200
    assert "El evento debe empezar en el futuro." in response.content.decode()
    assert not chapter.events.exists()


def test_a_capacity_of_zero_is_a_form_error_not_a_database_message(
    chapter: Chapter, coordinator: User, client: Client
) -> None:
    client.force_login(coordinator)

    response = client.post(
        reverse("chapters:event_create", args=[chapter.slug]), {**EVENT, "capacity": "0"}
    )

    html = response.content.decode()
    assert "event_capacity_positive" not in html
    assert "El cupo es de al menos una persona: déjalo vacío si no hay límite." in html
    assert not chapter.events.exists()


def test_a_negative_capacity_gets_the_same_words_as_a_capacity_of_zero(
    chapter: Chapter, coordinator: User, client: Client
) -> None:
    client.force_login(coordinator)

    response = client.post(
        reverse("chapters:event_create", args=[chapter.slug]), {**EVENT, "capacity": "-3"}
    )

    html = response.content.decode()
    assert "El cupo es de al menos una persona: déjalo vacío si no hay límite." in html
    assert "mayor o igual a 0" not in html
    assert not chapter.events.exists()
