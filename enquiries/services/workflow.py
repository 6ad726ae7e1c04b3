"""The brokers' workflow: confirmation into the queue, assignment, status changes, notes, and
the first-response deadline. Each function writes its timeline entry and sends its event in
the same transaction."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enquiries import events
from enquiries.business_days import add_business_days
from enquiries.choices import OPEN_STATUSES, TRANSITIONS, EntryKind, Status
from enquiries.models import Enquiry, Note, TimelineEntry
from enquiries.permissions import is_broker
from profiles.models import User

# A broker's first response: the requester sees that someone is searching, or why not.
FIRST_RESPONSE_STATUSES = (Status.SEARCHING, Status.DECLINED)


def _locked(enquiry: Enquiry) -> Enquiry:
    return Enquiry.objects.select_for_update().get(pk=enquiry.pk)


def _entry(enquiry: Enquiry, kind: str, by: User | None = None, **fields: str) -> TimelineEntry:
    return TimelineEntry.objects.create(enquiry=enquiry, kind=kind, by=by, **fields)


def _set_status(enquiry: Enquiry, to: str, by: User | None, detail: str = "") -> None:
    """Move a locked enquiry to `to` if the state machine allows it; timeline and event."""
    old = enquiry.status
    if to not in TRANSITIONS[old]:
        raise ValidationError(
            _("Una consulta en estado «%(old)s» no puede pasar a «%(new)s».")
            % {"old": Status(old).label, "new": Status(to).label}
        )
    now = timezone.now()
    enquiry.status = to
    if to in FIRST_RESPONSE_STATUSES and enquiry.first_response_at is None:
        enquiry.first_response_at = now
    if to == Status.INTRODUCED:
        enquiry.introduced_at = now
    if to in (Status.CLOSED, Status.DECLINED):
        enquiry.closed_at = now
    enquiry.save()
    kind = EntryKind.CONFIRMED if old == Status.UNCONFIRMED else EntryKind.STATUS
    _entry(enquiry, kind, by, from_status=old, to_status=to, detail=detail)
    events.enquiry_status_changed.send(
        sender=Enquiry,
        enquiry_id=enquiry.pk,
        from_status=old,
        to_status=to,
        by_id=by.pk if by else None,
    )


def response_due(confirmed_at: datetime.datetime) -> datetime.datetime:
    return add_business_days(confirmed_at, settings.ENQUIRIES_SLA_BUSINESS_DAYS)


@transaction.atomic
def enquiry_confirm(*, enquiry: Enquiry) -> Enquiry:
    """The requester's address is confirmed: the enquiry enters the queue (status new) with
    its first-response deadline. Idempotent: a second click changes nothing."""
    enquiry = _locked(enquiry)
    if enquiry.confirmed_at is not None:
        return enquiry
    enquiry.confirmed_at = timezone.now()
    enquiry.response_due_at = response_due(enquiry.confirmed_at)
    _set_status(enquiry, Status.NEW, None)
    return enquiry


@transaction.atomic
def enquiry_assign(*, enquiry: Enquiry, broker: User, by: User) -> Enquiry:
    """Give the enquiry to `broker` (a new one becomes assigned; an open one keeps its status
    and is reassigned)."""
    if not is_broker(broker):
        raise ValidationError({"broker": _("Esa persona no es gestora de introducciones.")})
    enquiry = _locked(enquiry)
    if enquiry.status not in OPEN_STATUSES:
        raise ValidationError(_("Esta consulta ya está cerrada."))
    if enquiry.broker_id == broker.pk:
        return enquiry
    previous = enquiry.broker
    enquiry.broker = broker
    enquiry.save(update_fields=["broker", "updated_at"])
    if previous is None:
        _entry(enquiry, EntryKind.ASSIGNED, by, detail=broker.name or broker.email)
    else:
        detail = f"{previous.name or previous.email} → {broker.name or broker.email}"
        _entry(enquiry, EntryKind.REASSIGNED, by, detail=detail)
    if enquiry.status == Status.NEW:
        _set_status(enquiry, Status.ASSIGNED, by)
    events.enquiry_assigned.send(
        sender=Enquiry, enquiry_id=enquiry.pk, broker_id=broker.pk, by_id=by.pk
    )
    return enquiry


@transaction.atomic
def enquiry_start_search(*, enquiry: Enquiry, by: User) -> Enquiry:
    enquiry = _locked(enquiry)
    _set_status(enquiry, Status.SEARCHING, by)
    return enquiry


@transaction.atomic
def enquiry_decline(*, enquiry: Enquiry, by: User, reason: str) -> Enquiry:
    """Decline with a reason; the reason is sent to the requester (enquiry_status_changed)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Escribe el motivo: se enviará a quien consultó.")})
    enquiry = _locked(enquiry)
    enquiry.decline_reason = reason
    _set_status(enquiry, Status.DECLINED, by, detail=reason)
    return enquiry


@transaction.atomic
def enquiry_mark_introduced(*, enquiry: Enquiry, by: User | None) -> Enquiry:
    enquiry = _locked(enquiry)
    if enquiry.status != Status.INTRODUCED:
        _set_status(enquiry, Status.INTRODUCED, by)
    return enquiry


@transaction.atomic
def enquiry_close(*, enquiry: Enquiry, by: User | None, outcome: str) -> Enquiry:
    """Close an introduced enquiry with its outcome (one of OutcomeKind)."""
    enquiry = _locked(enquiry)
    enquiry.outcome = outcome
    _set_status(enquiry, Status.CLOSED, by)
    return enquiry


@transaction.atomic
def note_add(*, enquiry: Enquiry, by: User, text: str) -> Note:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("La nota está vacía.")})
    return Note.objects.create(enquiry=enquiry, author=by, text=text)


@transaction.atomic
def enquiries_flag_overdue(*, now: datetime.datetime | None = None) -> list[int]:
    """Flag every open enquiry past its first-response deadline, once each, and announce it
    (notifications tells the broker, or every broker when nobody has it). Idempotent."""
    now = now or timezone.now()
    overdue = list(
        Enquiry.objects.awaiting_first_response()
        .filter(response_due_at__lt=now, sla_breached_at__isnull=True)
        .select_for_update(skip_locked=True)
    )
    for enquiry in overdue:
        enquiry.sla_breached_at = now
        enquiry.save(update_fields=["sla_breached_at", "updated_at"])
        _entry(enquiry, EntryKind.SLA_BREACHED)
        events.enquiry_sla_breached.send(sender=Enquiry, enquiry_id=enquiry.pk)
    return [enquiry.pk for enquiry in overdue]
