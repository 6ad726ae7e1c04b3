"""iCalendar (RFC 5545) for one event and for feeds, with the `icalendar` library.

Times are written in the event's own time zone (DTSTART;TZID=…) with its VTIMEZONE, so a
calendar shows each reader the right local time on either side of a DST change."""

from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from chapters.models import Event

FEED_SALT = "chapters.person-feed"


def _uid(event: Event) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "puentes.localhost"
    return f"event-{event.pk}@{domain}"


def _vevent(event: Event, *, with_link: bool) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", _uid(event))
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", event.starts_at.astimezone(event.zone))
    vevent.add("dtend", event.ends_at.astimezone(event.zone))
    vevent.add("summary", event.title)
    if event.description:
        vevent.add("description", event.description)
    location = event.venue or (event.online_url if with_link else "")
    if location:
        vevent.add("location", location)
    vevent.add("url", settings.SITE_URL + reverse("chapters:event_detail", args=[event.pk]))
    vevent.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    vevent.add("last-modified", event.updated_at)
    return vevent


def calendar_bytes(
    events: Iterable[Event], *, name: str, links_for: set[int] | None = None
) -> bytes:
    """A VCALENDAR of `events`; the online link only for events whose id is in `links_for`."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Puentes//Capítulos y eventos//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, with_link=event.pk in (links_for or set())))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_token(user_id: int) -> str:
    return signing.Signer(salt=FEED_SALT).sign(str(user_id))


def feed_user_id(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=FEED_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
