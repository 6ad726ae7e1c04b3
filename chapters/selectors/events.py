"""Reads of events: the list, one event's page, the attendees, the calendar feeds."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from chapters.models import Chapter, Event, EventRegistration, RegistrationState
from chapters.permissions import coordinates
from profiles.models import User
from profiles.permissions import signed_in

FEED_PAST_DAYS = 90


def event_list(*, user: object, chapter: Chapter | None = None) -> QuerySet[Event]:
    """Upcoming events `user` may see (of one chapter, or all), with seat counts."""
    events = Event.objects.visible_to(user).upcoming(timezone.now())
    if chapter is not None:
        events = events.filter(chapter=chapter)
    return events.select_related("chapter").with_counts().order_by("starts_at", "pk")


def event_get(*, user: object, pk: int) -> Event:
    return Event.objects.visible_to(user).select_related("chapter").with_counts().get(pk=pk)


def event_get_coordinated(*, user: object, pk: int) -> Event:
    event = Event.objects.select_related("chapter").get(pk=pk)
    if not coordinates(user, event.chapter):
        raise Event.DoesNotExist
    return event


@dataclass
class EventPage:
    event: Event
    registration: EventRegistration | None
    is_coordinator: bool
    waitlist_position: int | None

    @property
    def shows_online_link(self) -> bool:
        """The online link is for registered attendees (and the coordination) only."""
        registered = self.registration is not None and self.registration.is_registered
        return bool(self.event.online_url) and (registered or self.is_coordinator)

    @property
    def has_ended(self) -> bool:
        """An event over takes no registration and no cancellation any more."""
        return self.event.ends_at <= timezone.now()


def event_page(*, user: object, event: Event) -> EventPage:
    registration = (
        EventRegistration.objects.filter(event=event, user=user).first()
        if signed_in(user)
        else None
    )
    position = None
    if registration is not None and registration.is_waitlisted:
        position = (
            EventRegistration.objects.waitlisted()
            .filter(event=event, queued_at__lte=registration.queued_at)
            .exclude(queued_at=registration.queued_at, pk__gt=registration.pk)
            .count()
        )
    return EventPage(
        event=event,
        registration=registration,
        is_coordinator=coordinates(user, event.chapter),
        waitlist_position=position,
    )


def registration_list_attendees(*, event: Event) -> QuerySet[EventRegistration]:
    return (
        EventRegistration.objects.filter(event=event)
        .exclude(state=RegistrationState.CANCELLED)
        .select_related("user", "user__expert_profile", "checked_in_by")
        .order_by("state", "queued_at", "pk")
    )


def event_list_feed_chapter(*, chapter: Chapter) -> QuerySet[Event]:
    """A chapter's published public events from 90 days ago on (a feed is fetched without a
    session, so it carries only what anyone may see)."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    return (
        Event.objects.visible_to(None)
        .filter(chapter=chapter, ends_at__gte=since)
        .select_related("chapter")
    )


def event_list_feed_person(*, user: User) -> QuerySet[Event]:
    """The events a person registered for (seat or waiting list), from 90 days ago on."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    mine = EventRegistration.objects.filter(user=user).exclude(state=RegistrationState.CANCELLED)
    return (
        Event.objects.filter(registrations__in=mine, ends_at__gte=since)
        .select_related("chapter")
        .prefetch_related(Prefetch("registrations", queryset=mine, to_attr="mine"))
        .distinct()
    )
