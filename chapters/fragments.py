"""The data stamps of the chapter and event pages anonymous visitors get whole from the cache
(network.web.anonymous_page_cache).

A stamp joins a data version bumped on the app's own domain events (members joining, leaving or
changing role, registrations, publications, shares) with one aggregate that moves on every write
of a chapter or an event row, announced or not, and when the next upcoming event ends: the lists
and the chapter page hide past events, so a kept page never outlives the event it lists. The
chapter page adds the projects' and the experts' versions (shared needs, members' sectors and
fields). Memberships and registrations written without their service show once the kept page
expires (PAGES_FRAGMENT_SECONDS): counting those tables on every request would cost what the
cache saves."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from chapters import events
from chapters.selectors.chapters import chapters_stamp
from network.web import data_follows, data_version
from profiles.fragments import EXPERTS_DATA
from projects.fragments import PROJECTS_DATA

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
    )


def chapters_page_stamp(request: HttpRequest, **kwargs: Any) -> str:
    """The chapter directory's, the event list's and an event page's data stamp."""
    return f"{data_version(CHAPTERS_DATA)}:{chapters_stamp(now=timezone.now())}"


def chapter_page_stamp(request: HttpRequest, slug: str) -> str:
    versions = data_version(CHAPTERS_DATA, PROJECTS_DATA, EXPERTS_DATA)
    return f"{versions}:{chapters_stamp(now=timezone.now())}"
