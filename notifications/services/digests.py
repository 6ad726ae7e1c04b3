"""Daily and weekly digests: one e-mail gathering the notices a person chose to receive that
way, sent at NOTIFICATIONS_DIGEST_HOUR in their own time zone (weekly ones on
NOTIFICATIONS_DIGEST_WEEKDAY), in their language, grouped by kind, never empty.

The beat runs `digests_send` every 15 minutes; each run sends the digests whose local hour has
come. The delivery's idempotency key names the person and the period (a local date, or an ISO
week), so at most one digest per person and period leaves however many runs overlap.
"""

import datetime
import logging
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications import events
from notifications.models import DIGEST_FREQUENCIES, EmailDelivery, Frequency, Notification
from notifications.services.notify import message_id_for
from profiles.models import User

logger = logging.getLogger(__name__)


def _zone(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or settings.NOTIFICATIONS_DEFAULT_TIMEZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.NOTIFICATIONS_DEFAULT_TIMEZONE)


def digest_period(
    *, frequency: str, now: datetime.datetime, timezone_name: str | None
) -> str | None:
    """The period whose digest is due at `now` for someone in `timezone_name`, or None when
    it is not their digest hour (and, for weekly ones, their digest day)."""
    local = now.astimezone(_zone(timezone_name))
    if local.hour != settings.NOTIFICATIONS_DIGEST_HOUR:
        return None
    if frequency == Frequency.DAILY:
        return local.date().isoformat()
    if local.weekday() != settings.NOTIFICATIONS_DIGEST_WEEKDAY:
        return None
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


def digest_create(
    *, user_id: int, frequency: str, period: str, now: datetime.datetime
) -> EmailDelivery | None:
    """Gather `user_id`'s notices awaiting a `frequency` digest into one delivery.

    Returns None when there is nothing to send, the account is inactive, or this period's
    digest exists already. Notices being gathered by a concurrent run are skipped (SKIP
    LOCKED) and the unique key refuses a second digest for the period."""
    daily = frequency == Frequency.DAILY
    kind = EmailDelivery.DIGEST_DAILY if daily else EmailDelivery.DIGEST_WEEKLY
    key = f"digest:{frequency}:{user_id}:{period}"
    with transaction.atomic():
        if EmailDelivery.objects.filter(idempotency_key=key).exists():
            return None
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            return None
        item_ids = list(
            Notification.objects.awaiting_digest(frequency)
            .filter(recipient_id=user_id, created_at__lte=now)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if not item_ids:
            return None
        try:
            with transaction.atomic():
                delivery = EmailDelivery.objects.create(
                    idempotency_key=key,
                    message_id=message_id_for(key),
                    kind=kind,
                    to_email=user.email,
                    language=user.language,
                    recipient=user,
                    payload={"period": period, "frequency": frequency},
                )
        except IntegrityError:
            return None
        Notification.objects.filter(pk__in=item_ids).update(digest=delivery)
        events.emails_queued.send(sender=EmailDelivery, delivery_ids=[delivery.pk])
    return delivery


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Write (and enqueue) every digest due at `now`. Returns how many were written."""
    now = now or timezone.now()
    written = 0
    for frequency in DIGEST_FREQUENCIES:
        waiting = (
            Notification.objects.awaiting_digest(frequency)
            .filter(created_at__lte=now)
            .values_list("recipient_id", "recipient__expert_profile__timezone")
            .distinct()
            .order_by()
        )
        for user_id, timezone_name in waiting:
            period = digest_period(frequency=frequency, now=now, timezone_name=timezone_name)
            if period is None:
                continue
            if digest_create(user_id=user_id, frequency=frequency, period=period, now=now):
                written += 1
    if written:
        logger.info("Wrote %s digests", written)
    return written
