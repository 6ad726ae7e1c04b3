"""Reads for the notification centre and the header's bell. Notices carry what they show in
their payload, so lists need no joins: one query per page whatever the number of rows."""

from django.db.models import F, QuerySet

from notifications.models import Kind, Notification, NotificationPreference, default_frequency
from profiles.models import User

BELL_ITEMS = 5


def unread_count(*, user: User) -> int:
    return Notification.objects.for_user(user).unread().count()


def notification_list(*, user: User) -> QuerySet[Notification]:
    """`user`'s notices, newest first, ready for a paginator."""
    return Notification.objects.for_user(user).order_by("-created_at", "-pk")


def bell_items(*, user: User, limit: int = BELL_ITEMS) -> list[Notification]:
    """The latest notices for the bell's menu: unread ones first."""
    unread_first = F("read_at").asc(nulls_first=True)
    return list(
        Notification.objects.for_user(user).order_by(unread_first, "-created_at", "-pk")[:limit]
    )


def notification_of(*, user: User, pk: int) -> Notification:
    """One of `user`'s notices (else Notification.DoesNotExist)."""
    return Notification.objects.for_user(user).get(pk=pk)


def preferences_of(*, user: User) -> dict[str, str]:
    """Every kind with the rhythm `user` gets it by e-mail (their choice or the default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, default_frequency(kind)) for kind in Kind.values}
