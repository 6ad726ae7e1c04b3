"""Periodic reminders: invitations about to expire, and engagement follow-ups.

Both are idempotent: a reminder is a notice with a unique key, and follow-ups are stamped
`sent_at` under a row lock in the same transaction as their notices.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from notifications.models import Kind, Notification
from notifications.services import kinds
from projects.models import EngagementFollowUp, Invitation

logger = logging.getLogger(__name__)

BATCH = 500


def invitations_remind_expiring(*, now: datetime.datetime | None = None) -> int:
    """Remind experts of pending invitations that expire within the reminder window
    (NOTIFICATIONS_INVITATION_REMINDER_DAYS). Returns how many reminders were written."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=settings.NOTIFICATIONS_INVITATION_REMINDER_DAYS)
    reminded = Notification.objects.filter(
        kind=Kind.INVITATION_EXPIRING,
        content_type=ContentType.objects.get_for_model(Invitation),
    ).values("object_id")
    invitations = (
        Invitation.objects.pending()
        .filter(expires_at__gt=now, expires_at__lte=horizon)
        .exclude(pk__in=reminded)
        .select_related("project__institution", "expert__user")
        .order_by("expires_at")[:BATCH]
    )
    written = 0
    for invitation in invitations:
        with transaction.atomic():
            written += kinds.invitation_expiring(invitation=invitation)
    return written


def follow_ups_send(*, now: datetime.datetime | None = None) -> int:
    """Send the engagement follow-ups that are due and stamp them `sent_at`. Each one is
    locked (SKIP LOCKED, so two runs share the work) and re-checked, so it is sent once.
    Follow-ups of cancelled engagements are stamped without a notice. Returns how many
    follow-ups were sent."""
    now = now or timezone.now()
    due_ids = list(
        EngagementFollowUp.objects.due(now).order_by("due_at").values_list("pk", flat=True)[:BATCH]
    )
    sent = 0
    for follow_up_id in due_ids:
        with transaction.atomic():
            follow_up = (
                EngagementFollowUp.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related(
                    "engagement__project__institution",
                    "engagement__expert__user",
                    "engagement__institution_contact",
                )
                .filter(pk=follow_up_id, sent_at__isnull=True)
                .first()
            )
            if follow_up is None:
                continue
            if follow_up.engagement.takes_outcomes:
                kinds.engagement_follow_up(
                    engagement=follow_up.engagement,
                    follow_up_id=follow_up.pk,
                    months=follow_up.months,
                )
                sent += 1
            follow_up.sent_at = now
            follow_up.save(update_fields=["sent_at"])
    return sent
