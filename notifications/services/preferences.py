"""Per-person e-mail preferences, and what a one-click unsubscribe link does."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from notifications.models import (
    DIGEST_FREQUENCIES,
    EmailDelivery,
    EmailOptOut,
    Frequency,
    Kind,
    Notification,
    NotificationPreference,
    can_turn_off,
)
from notifications.selectors import preference_list_for_user
from notifications.unsubscribe import read_token
from profiles.models import User

DIGEST_TOPICS = {
    EmailDelivery.DIGEST_DAILY: Frequency.DAILY,
    EmailDelivery.DIGEST_WEEKLY: Frequency.WEEKLY,
}


@transaction.atomic
def preferences_update(*, user: User, frequencies: dict[str, str]) -> list[str]:
    """Set `user`'s e-mail rhythm per kind; returns the kinds that changed.

    Notices already waiting for a digest follow a move to another digest or to "never"; a
    move to "immediately" leaves them in the digest they were waiting for (nothing is lost
    and nothing is sent twice)."""
    current = preference_list_for_user(user=user)
    changed = []
    for kind, frequency in frequencies.items():
        if kind not in Kind.values:
            raise ValueError(f"Unknown notification kind: {kind}")
        if not can_turn_off(kind):
            raise ValueError(f"Notices of kind {kind} are always e-mailed at once")
        if frequency not in Frequency.values:
            raise ValueError(f"Unknown frequency: {frequency}")
        if current[kind] == frequency:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": frequency}
        )
        if frequency != Frequency.IMMEDIATELY:
            Notification.objects.filter(
                recipient=user,
                kind=kind,
                digest__isnull=True,
                email_frequency__in=DIGEST_FREQUENCIES,
            ).update(email_frequency=frequency)
        changed.append(kind)
    return changed


@dataclass(frozen=True)
class Unsubscribed:
    """What an unsubscribe link turned off, for the page that says so."""

    kinds: list[str]
    digest: str = ""
    email: str = ""


def unsubscribe(*, token: str) -> Unsubscribed:
    """Stop the e-mails a signed link names: a kind (set to "never"), a digest (every kind
    received in it set to "never"), or, for an address without an account, a kind for that
    address. Idempotent. Raises signing.BadSignature for a tampered link."""
    request = read_token(token)
    topic = request.topic
    if request.user_id is None:
        if topic in Kind.values:
            try:
                with transaction.atomic():
                    EmailOptOut.objects.get_or_create(email=request.email.lower(), kind=topic)
            except IntegrityError:
                pass  # a concurrent click already recorded it
        return Unsubscribed(kinds=[topic] if topic in Kind.values else [], email=request.email)
    user = User.objects.filter(pk=request.user_id).first()
    digest: str
    if topic in DIGEST_TOPICS:
        digest = DIGEST_TOPICS[topic]
        kinds = (
            [kind for kind, freq in preference_list_for_user(user=user).items() if freq == digest]
            if user
            else []
        )
    else:
        digest, kinds = "", [topic]
    if user is not None:
        preferences_update(user=user, frequencies=dict.fromkeys(kinds, Frequency.NEVER))
    return Unsubscribed(kinds=kinds, digest=digest)
