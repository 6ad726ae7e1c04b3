"""Events: publishing, registering with a capacity and a waiting list, cancelling, check-in
and the reminder a day before.

Seats are counted under a row lock on the event (`select_for_update`): every change to an
event's registrations takes that lock first, so two people taking the last seat are served one
after the other, and a freed seat promotes the first person waiting exactly once."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chapters import events as domain_events
from chapters.models import (
    Chapter,
    Event,
    EventRegistration,
    EventStatus,
    RegistrationState,
)
from chapters.permissions import coordinates
from profiles.models import User


def _locked_event(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).select_related("chapter").get(pk=event.pk)


def _has_free_seat(event: Event) -> bool:
    if event.capacity is None:
        return True
    return EventRegistration.objects.registered().filter(event=event).count() < event.capacity


@transaction.atomic
def event_publish(*, event: Event, by: User) -> Event:
    event = _locked_event(event)
    if not coordinates(by, event.chapter):
        raise PermissionDenied(_("Solo la coordinación del capítulo puede publicar el evento."))
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Solo se publica un evento en borrador."))
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    domain_events.event_published.send(sender=Event, event_id=event.pk)
    return event


@transaction.atomic
def event_register(*, event: Event, user: User) -> EventRegistration:
    """Take a seat, or a place at the end of the waiting list when the event is full.

    Idempotent: registering again keeps the seat or the place in the list."""
    event = _locked_event(event)
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("Este evento no admite inscripciones."))
    if event.ends_at <= timezone.now():
        raise ValidationError(_("Este evento ya terminó."))
    registration = EventRegistration.objects.filter(event=event, user=user).first()
    if registration and registration.state != RegistrationState.CANCELLED:
        return registration
    state = RegistrationState.REGISTERED if _has_free_seat(event) else RegistrationState.WAITLISTED
    if registration is None:
        registration = EventRegistration(event=event, user=user)
    registration.state = state
    registration.queued_at = timezone.now()
    registration.cancelled_at = None
    registration.promoted_at = None
    registration.save()
    _announce_change(registration)
    return registration


def _announce_change(registration: EventRegistration) -> None:
    domain_events.registration_changed.send(
        sender=EventRegistration, registration_id=registration.pk, event_id=registration.event_id
    )


def _promote_first_waiting(event: Event) -> EventRegistration | None:
    """Caller holds the event's lock."""
    if not _has_free_seat(event):
        return None
    waiting = EventRegistration.objects.waitlisted().filter(event=event).order_by("queued_at", "pk")
    first = waiting.first()
    if first is None:
        return None
    first.state = RegistrationState.REGISTERED
    first.promoted_at = timezone.now()
    first.save(update_fields=["state", "promoted_at"])
    domain_events.registration_promoted.send(sender=EventRegistration, registration_id=first.pk)
    return first


@transaction.atomic
def registration_cancel(*, registration: EventRegistration, by: User) -> EventRegistration:
    """Give up a seat or a place in the list; a freed seat goes to the first person waiting."""
    event = _locked_event(registration.event)
    registration = EventRegistration.objects.get(pk=registration.pk)
    if registration.user_id != by.pk and not coordinates(by, event.chapter):
        raise PermissionDenied(_("Solo puedes cancelar tu propia inscripción."))
    if registration.state == RegistrationState.CANCELLED:
        return registration
    if event.ends_at <= timezone.now():
        raise ValidationError(_("Este evento ya terminó."))
    if registration.checked_in_at is not None:
        raise ValidationError(_("Ya se registró tu asistencia: no se puede cancelar."))
    registration.state = RegistrationState.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["state", "cancelled_at"])
    _announce_change(registration)
    _promote_first_waiting(event)
    return registration


@transaction.atomic
def registration_check_in(*, registration: EventRegistration, by: User) -> EventRegistration:
    event = _locked_event(registration.event)
    if not coordinates(by, event.chapter):
        raise PermissionDenied(_("Solo la coordinación registra la asistencia."))
    registration = EventRegistration.objects.get(pk=registration.pk)
    if registration.state != RegistrationState.REGISTERED:
        raise ValidationError(_("Solo se registra la asistencia de personas inscritas."))
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = by
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
    return registration


def event_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Announce, once per event, the events starting in the next 24 hours to their registered
    people (notifications hears `event_reminder_due`). Returns how many events were due."""
    now = now or timezone.now()
    due = Event.objects.published().filter(
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + datetime.timedelta(hours=24),
    )
    count = 0
    for event_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            event = (
                Event.objects.select_for_update(skip_locked=True)
                .filter(pk=event_id, reminder_sent_at__isnull=True)
                .first()
            )
            if event is None:
                continue
            event.reminder_sent_at = now
            event.save(update_fields=["reminder_sent_at"])
            user_ids = list(
                EventRegistration.objects.registered()
                .filter(event=event)
                .values_list("user_id", flat=True)
            )
            domain_events.event_reminder_due.send(
                sender=Event, event_id=event.pk, user_ids=user_ids
            )
            count += 1
    return count


@transaction.atomic
def event_create(*, chapter: Chapter | None, data: dict[str, Any], by: User) -> Event:
    """A draft event of `chapter` (None: network-wide, staff only); publish it to open it."""
    if not coordinates(by, chapter):
        raise PermissionDenied(_("Solo la coordinación del capítulo crea sus eventos."))
    event = Event(chapter=chapter, created_by=by, status=EventStatus.DRAFT, **data)
    event.full_clean()
    event.save()
    return event
