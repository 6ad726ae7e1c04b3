"""Reads for the notification centre, the header's bell and e-mail preferences. Notices carry
what they show in their payload, so lists need no joins: one query per page whatever the number
of rows."""

from collections.abc import Iterable

from django.db.models import F, QuerySet

from notifications.models import (
    Frequency,
    Kind,
    Notification,
    NotificationPreference,
    can_turn_off,
    default_frequency,
)
from profiles.models import User

BELL_ITEMS = 5


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.for_user(user).unread().count()


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    """`user`'s notices, newest first, ready for a paginator."""
    return Notification.objects.for_user(user).order_by("-created_at", "-pk")


def notification_list_for_bell(*, user: User, limit: int = BELL_ITEMS) -> list[Notification]:
    """The latest notices for the bell's menu: unread ones first."""
    unread_first = F("read_at").asc(nulls_first=True)
    return list(
        Notification.objects.for_user(user).order_by(unread_first, "-created_at", "-pk")[:limit]
    )


def notification_get_for_user(*, user: User, pk: int) -> Notification:
    """One of `user`'s notices (else Notification.DoesNotExist)."""
    return Notification.objects.for_user(user).get(pk=pk)


def preference_list_for_user(*, user: User) -> dict[str, str]:
    """Every kind with the rhythm `user` gets it by e-mail (their choice or the default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, default_frequency(kind)) for kind in Kind.values}


def frequency_list_for_kind(*, kind: str, user_ids: Iterable[int]) -> dict[int, str]:
    """Each user's e-mail rhythm for `kind` (their preference, else the kind's default); a kind
    nobody can turn off is always e-mailed at once."""
    user_ids = list(user_ids)
    if not can_turn_off(kind):
        immediately: str = Frequency.IMMEDIATELY
        return dict.fromkeys(user_ids, immediately)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "frequency"
        )
    )
    return {pk: chosen.get(pk, default_frequency(kind)) for pk in user_ids}
