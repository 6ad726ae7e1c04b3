"""Query counts do not grow with rows: chapter page, roster and event list (5 vs 50)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.chapters import EventFactory, MembershipFactory, RegistrationFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _grow(chapter, count: int) -> None:
    for _ in range(count):
        profile = ExpertProfileFactory(sector="private")
        MembershipFactory(chapter=chapter, user=profile.user)
        event = EventFactory(chapter=chapter, capacity=3)
        RegistrationFactory(event=event, user=profile.user)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("screen", ["chapters:detail", "chapters:roster", "chapters:event_list"])
def test_pages_cost_the_same_queries_with_5_or_50_rows(chapter, coordinator, client, screen):
    client.force_login(coordinator)
    url = reverse(screen, args=[chapter.slug] if screen != "chapters:event_list" else [])
    _grow(chapter, 5)
    few = _queries(client, url)
    _grow(chapter, 45)

    many = _queries(client, url)

    assert many == few
    assert many <= 22
