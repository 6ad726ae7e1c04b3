"""What came of an introduction: follow-ups to both sides at 3 and 12 months, and recording
an outcome (which closes the enquiry: any result, or "nothing yet" at the last follow-up)."""

import calendar
import datetime
from decimal import Decimal

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enquiries import events
from enquiries.choices import EntryKind, OutcomeKind, Status
from enquiries.models import Enquiry, EnquiryOutcome, FollowUp, TimelineEntry
from enquiries.services.workflow import enquiry_close

FOLLOW_UP_MONTHS = (3, 12)
OUTCOME_SALT = "enquiries.outcome"


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def months_between(start: datetime.datetime, end: datetime.datetime) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if months > 0 and months_before(end, months) < start else months


def outcome_token(enquiry: Enquiry, side: str) -> str:
    """The link a follow-up carries for one side (no expiry: people answer late)."""
    return signing.dumps({"e": str(enquiry.public_id), "s": side}, salt=OUTCOME_SALT)


def outcome_token_read(token: str) -> tuple[str, str]:
    data = signing.loads(token, salt=OUTCOME_SALT)
    if not isinstance(data, dict) or data.get("s") not in EnquiryOutcome.Side.values:
        raise signing.BadSignature("Malformed outcome token")
    return str(data.get("e")), str(data["s"])


def follow_ups_send(*, now: datetime.datetime | None = None) -> list[tuple[int, int]]:
    """Announce every follow-up now due (enquiry introduced at least N months ago and not
    followed up for N yet), once each. Idempotent: the FollowUp row is the guard."""
    now = now or timezone.now()
    sent = []
    for months in FOLLOW_UP_MONTHS:
        due = Enquiry.objects.filter(introduced_at__lte=months_before(now, months)).exclude(
            follow_ups__months=months
        )
        if months == FOLLOW_UP_MONTHS[0]:
            # A closed enquiry already told us its outcome; the last follow-up asks everyone.
            due = due.filter(status=Status.INTRODUCED)
        for enquiry_id in due.values_list("pk", flat=True):
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        FollowUp.objects.create(enquiry_id=enquiry_id, months=months, sent_at=now)
                except IntegrityError:
                    continue
                events.follow_up_due.send(sender=Enquiry, enquiry_id=enquiry_id, months=months)
            sent.append((enquiry_id, months))
    return sent


@transaction.atomic
def outcome_record(
    *,
    enquiry: Enquiry,
    side: str,
    kind: str,
    amount: Decimal | None = None,
    currency: str = "",
    note: str = "",
) -> EnquiryOutcome:
    """Record one side's outcome; an introduced enquiry closes with it (except "nothing yet"
    before the last follow-up)."""
    if kind == OutcomeKind.INVESTMENT and (amount is None or not currency):
        raise ValidationError({"amount": _("Indica el monto y la moneda de la inversión.")})
    introduced = enquiry.introduced_at
    months = None
    if introduced is not None:
        months = months_between(introduced, timezone.now())
    outcome = EnquiryOutcome.objects.create(
        enquiry=enquiry,
        side=side,
        kind=kind,
        amount=amount if kind == OutcomeKind.INVESTMENT else None,
        currency=currency if kind == OutcomeKind.INVESTMENT else "",
        note=note.strip(),
        months_after=months,
    )
    TimelineEntry.objects.create(
        enquiry=enquiry,
        kind=EntryKind.OUTCOME,
        detail=f"{EnquiryOutcome.Side(side).label}: {OutcomeKind(kind).label}",
    )
    last = months is not None and months >= FOLLOW_UP_MONTHS[-1]
    if enquiry.status == Status.INTRODUCED and (kind != OutcomeKind.NOTHING_YET or last):
        enquiry_close(enquiry=enquiry, by=None, outcome=kind)
    return outcome
