"""`.ics` files and feeds parse with the icalendar parser; times are right across DST."""

import datetime
import zoneinfo

import icalendar
import pytest
import time_machine
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from chapters import calendar
from chapters.models import Event
from tests.factories.chapters import EventFactory, RegistrationFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db

HOUSTON = zoneinfo.ZoneInfo("America/Chicago")


def _houston_event(chapter, day: datetime.date):
    starts = datetime.datetime.combine(day, datetime.time(18, 0), tzinfo=HOUSTON)
    return EventFactory(
        chapter=chapter,
        title_es="Cena del capítulo",
        timezone="America/Chicago",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


def _events(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


@time_machine.travel("2027-01-10 12:00:00Z", tick=False)
def test_event_ics_parses_with_its_time_zone_and_right_times(chapter, client):
    event = _houston_event(chapter, datetime.date(2027, 3, 20))

    response = client.get(reverse("chapters:event_ics", args=[event.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(response.content)
    (vevent,) = parsed.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Cena del capítulo"
    start = vevent.decoded("DTSTART")
    assert (start.tzinfo.key, start.hour) == ("America/Chicago", 18)
    assert start == event.starts_at
    assert vevent.decoded("DTEND") - start == datetime.timedelta(hours=2)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["America/Chicago"]
    assert str(vevent["UID"]).startswith(f"event-{event.pk}@")


@time_machine.travel("2027-01-10 12:00:00Z", tick=False)
def test_houston_event_shows_the_right_guadalajara_time_on_both_sides_of_dst(chapter, client):
    """Houston moves its clocks on 14 March 2027; Guadalajara (no DST since 2022) does not:
    18:00 in Houston is 18:00 in Guadalajara in winter and 17:00 after the change."""
    viewer = ExpertProfileFactory(city="Guadalajara", country="MX", timezone="America/Mexico_City")
    client.force_login(viewer.user)
    winter = _houston_event(chapter, datetime.date(2027, 3, 13))
    summer = _houston_event(chapter, datetime.date(2027, 3, 15))

    shown = {
        event: client.get(reverse("chapters:event_detail", args=[event.pk])).content.decode()
        for event in (winter, summer)
    }

    assert "18:00–20:00 (America/Mexico_City)" in shown[winter]
    assert "17:00–19:00 (America/Mexico_City)" in shown[summer]
    assert "18:00 hora del evento (America/Chicago)" in shown[summer]


@time_machine.travel("2027-01-10 12:00:00Z", tick=False)
def test_chapter_feed_lists_its_public_events_and_parses(chapter, client):
    events = [_houston_event(chapter, datetime.date(2027, 2, day)) for day in (1, 8)]
    EventFactory(chapter=chapter, status="draft")
    EventFactory(chapter=chapter, visibility="members")

    response = client.get(reverse("chapters:feed", args=[chapter.slug]))

    uids = {str(v["UID"]).split("@")[0] for v in _events(response.content)}
    assert uids == {f"event-{e.pk}" for e in events}


def test_personal_feed_has_my_events_with_the_link_only_where_i_have_a_seat(client, expert_owner):
    seated = RegistrationFactory(user=expert_owner, event__venue="").event
    waiting = RegistrationFactory(user=expert_owner, state="waitlisted", event__venue="").event
    RegistrationFactory(user=expert_owner, state="cancelled")
    RegistrationFactory()  # someone else's
    token = calendar.feed_token(expert_owner.pk)

    response = client.get(reverse("chapters:my_feed", args=[token]))

    by_uid = {str(v["UID"]).split("@")[0]: v for v in _events(response.content)}
    assert set(by_uid) == {f"event-{seated.pk}", f"event-{waiting.pk}"}
    assert str(by_uid[f"event-{seated.pk}"]["LOCATION"]) == seated.online_url
    assert "LOCATION" not in by_uid[f"event-{waiting.pk}"]
    assert client.get(reverse("chapters:my_feed", args=[token + "x"])).status_code == 404


def test_coordinator_creates_an_event_in_its_own_time_zone_and_publishes_it(
    chapter, coordinator, other_coordinator, client
):
    data = {
        "kind": "webinar",
        "title_es": "Seminario de energía",
        "starts_at": "2030-07-10T18:00",
        "ends_at": "2030-07-10T19:30",
        "timezone": "America/Chicago",
        "visibility": "public",
    }
    client.force_login(other_coordinator)
    assert (
        client.post(reverse("chapters:event_create", args=[chapter.slug]), data).status_code == 404
    )
    client.force_login(coordinator)

    response = client.post(reverse("chapters:event_create", args=[chapter.slug]), data)
    event = chapter.events.get()
    client.post(reverse("chapters:event_publish", args=[event.pk]))

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.starts_at == datetime.datetime(2030, 7, 10, 23, 0, tzinfo=datetime.UTC)
    assert (event.status, event.created_by) == ("published", coordinator)


def test_an_event_that_ends_before_it_starts_is_a_form_error(chapter, coordinator, client):
    client.force_login(coordinator)

    response = client.post(
        reverse("chapters:event_create", args=[chapter.slug]),
        {
            "kind": "meetup",
            "title_es": "Al revés",
            "starts_at": "2030-07-10T18:00",
            "ends_at": "2030-07-10T17:00",
            "timezone": "America/Chicago",
            "visibility": "public",
        },
    )

    assert response.status_code == 200
    assert "El evento debe terminar después de empezar." in response.content.decode()
    assert not chapter.events.exists()


def test_an_event_ending_in_the_year_9999_is_a_form_error(chapter, coordinator, client):
    # In UTC it would end in the year 10000: stored, then unreadable by every page listing it.
    client.force_login(coordinator)

    response = client.post(
        reverse("chapters:event_create", args=[chapter.slug]),
        {
            "kind": "meetup",
            "title_es": "Muy lejos",
            "starts_at": "9999-12-31T20:00",
            "ends_at": "9999-12-31T23:59",
            "timezone": "America/Chicago",
            "visibility": "public",
        },
    )

    assert response.status_code == 200
    assert "Esa fecha está demasiado lejos" in response.content.decode()
    assert not chapter.events.exists()


def test_the_event_form_groups_time_zones_by_country_and_refuses_an_unknown_zone(
    chapter, coordinator, client
):
    client.force_login(coordinator)
    url = reverse("chapters:event_create", args=[chapter.slug])

    page = client.get(url).content.decode()
    refused = client.post(
        url,
        {
            "kind": "meetup",
            "title_es": "Zona inventada",
            "starts_at": "2030-07-10T18:00",
            "ends_at": "2030-07-10T19:00",
            "timezone": "Mars/Olympus_Mons",
            "visibility": "public",
        },
    )

    assert '<optgroup label="Canadá">' in page
    assert "Buenos Aires (Argentina)" in page
    assert refused.status_code == 200
    assert "Mars/Olympus_Mons" not in chapter.events.values_list("timezone", flat=True)
    assert "Elige una opción válida" in refused.content.decode()


def test_staff_cannot_move_an_event_to_the_year_9999_in_the_admin(staff):
    request = RequestFactory().get("/admin/")
    request.user = staff
    form_class = admin.site._registry[Event].get_form(request)  # noqa: SLF001 - the registry

    form = form_class(
        data={
            "starts_at_0": "9999-12-31",
            "starts_at_1": "20:00",
            "ends_at_0": "9999-12-31",
            "ends_at_1": "23:59",
        }
    )

    assert not form.is_valid()
    assert form.errors["ends_at"] == [
        "Esa fecha está demasiado lejos: elige una anterior al año 9999."
    ]
