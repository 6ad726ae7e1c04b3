"""Marking notices read in the notification centre."""

from django.utils import timezone

from notifications.models import Notification
from profiles.models import User


def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    """Mark one of `by`'s notices read (idempotent: the first reading time is kept)."""
    if notification.recipient_id != by.pk:
        raise PermissionError("Only the recipient marks a notice read")
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark all of `user`'s unread notices read; returns how many."""
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())
