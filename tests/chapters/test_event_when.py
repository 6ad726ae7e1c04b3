"""When an event runs over several days, its date line names the day it ends; a same-day
event keeps the short form (start date, start and end hours)."""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse

from tests.factories.chapters import EventFactory

pytestmark = pytest.mark.django_db
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


def _when(client, event) -> str:
    html = client.get(reverse("chapters:event_detail", args=[event.pk])).content.decode()
    found = re.search(r'data-testid="event-when">(.*?)</span>', html, re.S)
    assert found is not None
    return " ".join(found.group(1).split())


def test_an_event_over_three_days_says_the_day_it_ends(client, chapter):
    starts = datetime.datetime(2031, 3, 10, 9, 0, tzinfo=MEXICO)
    mission = EventFactory(
        chapter=chapter,
        timezone="America/Mexico_City",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=2, hours=8),
    )
    meetup = EventFactory(
        chapter=chapter,
        timezone="America/Mexico_City",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )

    assert _when(client, mission) == (
        "lunes 10 Mar 2031, 09:00–miércoles 12 Mar 2031, 17:00 (America/Mexico_City)"
    )
    assert _when(client, meetup) == "lunes 10 Mar 2031, 09:00–11:00 (America/Mexico_City)"
