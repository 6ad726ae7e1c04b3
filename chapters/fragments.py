"""The data versions of the chapter and event pages anonymous visitors get whole from the cache
(network.web.anonymous_page_cache).

The version is bumped on the app's own domain events (members joining, leaving or changing role,
registrations, publications, shares) and on every save or deletion of the rows those pages show
(chapters, memberships, events, registrations, announcements, shared needs), announced or not.
The chapter page also follows the projects' and the experts' versions (shared needs, members'
sectors and fields). The lists and the chapter page hide past events, so a kept page also ends
when the next upcoming event does (`pages_true_until`). Rows written in bulk (`update()`,
`bulk_create()`) send no signal: those show once the kept page expires (PAGES_FRAGMENT_SECONDS)."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from chapters import events
from chapters.models import (
    Announcement,
    Chapter,
    ChapterMembership,
    Event,
    EventRegistration,
    SharedProject,
)
from chapters.selectors.chapters import next_event_end
from network.web import data_follows

CHAPTERS_DATA = "chapters"


def connect() -> None:
    data_follows(
        CHAPTERS_DATA,
        [
            events.member_joined,
            events.membership_approved,
            events.membership_requested,
            events.membership_declined,
            events.membership_changed,
            events.event_published,
            events.registration_changed,
            events.registration_promoted,
            events.project_shared,
        ],
        rows=[Chapter, ChapterMembership, Event, EventRegistration, Announcement, SharedProject],
    )


def pages_true_until(request: HttpRequest, **kwargs: Any) -> datetime.datetime | None:
    """When the next event to end ends: the chapter and event pages list no past event."""
    return next_event_end(now=timezone.now())
