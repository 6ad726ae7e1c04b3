"""An event's attendee list comes in pages (an event with no capacity limit can be long); the
CSV keeps every attendee, and checking someone in keeps the coordinator on their page."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chapters.views.events import ATTENDEES_PAGE_SIZE
from tests.factories.chapters import EventFactory, RegistrationFactory
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db


def _register(event, count: int) -> None:
    for _ in range(count):
        RegistrationFactory(event=event, user=UserFactory(verified=False))


def _rows(client, url: str) -> tuple[int, int]:
    """The attendee rows the page shows, and the queries it took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().count('data-testid="attendee-row"'), len(captured)


def test_a_long_attendee_list_comes_in_pages_at_a_constant_query_cost(chapter, coordinator, client):
    event = EventFactory(chapter=chapter, capacity=None)
    client.force_login(coordinator)
    url = reverse("chapters:attendees", args=[event.pk])
    _register(event, 5)
    few_rows, few_queries = _rows(client, url)
    _register(event, ATTENDEES_PAGE_SIZE + 5)

    first_rows, many_queries = _rows(client, url)
    second_rows, _ = _rows(client, url + "?page=2")

    assert (few_rows, first_rows, second_rows) == (5, ATTENDEES_PAGE_SIZE, 10)
    assert many_queries == few_queries


def test_the_attendee_csv_keeps_everyone_beyond_the_first_page(chapter, coordinator, client):
    event = EventFactory(chapter=chapter, capacity=None)
    _register(event, ATTENDEES_PAGE_SIZE + 3)
    client.force_login(coordinator)

    response = client.get(reverse("chapters:attendees_csv", args=[event.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + ATTENDEES_PAGE_SIZE + 3


def test_checking_someone_in_on_a_later_page_returns_to_that_page(chapter, coordinator, client):
    event = EventFactory(chapter=chapter, capacity=None)
    _register(event, ATTENDEES_PAGE_SIZE + 1)
    last = event.registrations.order_by("-queued_at", "-pk").first()
    client.force_login(coordinator)
    page = reverse("chapters:attendees", args=[event.pk]) + "?page=2"
    assert 'name="next"' in client.get(page).content.decode()

    response = client.post(reverse("chapters:check_in", args=[event.pk, last.pk]), {"next": page})

    assert response.status_code == 302
    assert response["Location"] == page
    last.refresh_from_db()
    assert last.checked_in_at is not None
