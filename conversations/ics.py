"""A proposed meeting as an iCalendar file (RFC 5545) any calendar application imports."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event

from conversations.models import Message


def meeting_ics(message: Message, *, title: str, link: str) -> bytes:
    """The VCALENDAR of a meeting message; its UID is stable, so importing twice updates."""
    assert message.meeting_starts_at is not None
    assert message.meeting_minutes is not None
    starts_at = message.meeting_starts_at.astimezone(datetime.UTC)
    domain = urlsplit(settings.SITE_URL).hostname or "puentes.localhost"
    calendar = Calendar()
    calendar.add("prodid", "-//Puentes//Conversaciones//ES")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"meeting-{message.pk}@{domain}")
    event.add("dtstamp", message.created_at.astimezone(datetime.UTC))
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + datetime.timedelta(minutes=message.meeting_minutes))
    event.add("summary", title)
    place = message.meeting_place
    if place.startswith(("http://", "https://")):
        event.add("url", place)
    if place:
        event.add("location", place)
    event.add("description", "\n\n".join(part for part in (message.body, link) if part))
    calendar.add_component(event)
    return calendar.to_ical()
