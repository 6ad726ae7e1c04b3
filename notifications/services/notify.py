"""Writing notifications and their outbox rows.

Called by notifications.receivers while the triggering service's transaction is open, and by
the periodic tasks. Everything here writes rows only; sending is enqueued with
`transaction.on_commit`, so a rolled-back change notifies nobody and a committed one always
has its delivery row (the sweeper sends it even if the enqueue itself is lost).
"""

import functools
import hashlib
import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from notifications.models import (
    EmailDelivery,
    EmailOptOut,
    Frequency,
    Notification,
    NotificationPreference,
    default_frequency,
)
from profiles.models import User

logger = logging.getLogger(__name__)


# --- Preferences ------------------------------------------------------------------------------


def frequencies_for(*, user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """Each user's e-mail rhythm for `kind` (their preference, else the kind's default)."""
    user_ids = list(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "frequency"
        )
    )
    return {pk: chosen.get(pk, default_frequency(kind)) for pk in user_ids}


# --- Enqueueing -------------------------------------------------------------------------------


def _enqueue(delivery_ids: list[int]) -> None:
    from notifications.tasks import delivery_send

    for delivery_id in delivery_ids:
        # A short publish retry: if the broker is away the row stays pending and the sweeper
        # enqueues it later, so blocking the caller longer buys nothing.
        delivery_send.apply_async(
            (delivery_id,),
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
        )


def enqueue_on_commit(delivery_ids: list[int]) -> None:
    """Enqueue the send tasks once the current transaction commits. `robust`: a broker error
    after the commit is logged, not raised into the request; the sweeper recovers the rows."""
    if delivery_ids:
        transaction.on_commit(functools.partial(_enqueue, list(delivery_ids)), robust=True)


# --- Deliveries -------------------------------------------------------------------------------


def message_id_for(key: str) -> str:
    """A Message-ID fixed by the delivery's idempotency key: if the one unavoidable duplicate
    happens (see notifications.services.delivery), both copies carry the same Message-ID and
    mail clients that deduplicate on it show one."""
    domain = urlsplit(settings.SITE_URL).hostname or "puentes.localhost"
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"<{digest}@{domain}>"


def delivery_create(
    *,
    key: str,
    kind: str,
    to_email: str,
    language: str,
    recipient: User | None = None,
    notification: Notification | None = None,
    payload: dict[str, Any] | None = None,
) -> EmailDelivery | None:
    """Write one outbox row (pending) and enqueue its sending on commit.

    Idempotent on `key`: when a row with that key exists, nothing is written and None is
    returned. Runs in a savepoint so a duplicate does not break the caller's transaction."""
    try:
        with transaction.atomic():
            delivery = EmailDelivery.objects.create(
                idempotency_key=key,
                message_id=message_id_for(key),
                kind=kind,
                to_email=to_email,
                language=language,
                recipient=recipient,
                notification=notification,
                payload=payload or {},
            )
    except IntegrityError:
        if EmailDelivery.objects.filter(idempotency_key=key).exists():
            return None
        raise
    enqueue_on_commit([delivery.pk])
    return delivery


# --- Notifications ----------------------------------------------------------------------------


def notification_create(
    *,
    recipient: User,
    kind: str,
    key: str,
    payload: dict[str, Any],
    target: models.Model | None = None,
    frequency: str | None = None,
    email: str = "",
) -> Notification | None:
    """Write a notice for `recipient`, and its e-mail delivery when they want it at once.

    Idempotent on (recipient, key): a repeated event returns None and writes nothing.
    `email` overrides the address (an invitation goes to the address that was invited)."""
    if frequency is None:
        frequency = frequencies_for(user_ids=[recipient.pk], kind=kind)[recipient.pk]
    defaults: dict[str, Any] = {"kind": kind, "payload": payload, "email_frequency": frequency}
    if target is not None:
        defaults["content_type"] = ContentType.objects.get_for_model(target)
        defaults["object_id"] = target.pk
    notification, created = Notification.objects.get_or_create(
        recipient=recipient, key=key, defaults=defaults
    )
    if not created:
        return None
    if frequency == Frequency.IMMEDIATELY:
        delivery_create(
            key=f"notification:{notification.pk}",
            kind=kind,
            to_email=email or recipient.email,
            language=recipient.language,
            recipient=recipient,
            notification=notification,
        )
    return notification


def notifications_create(
    *,
    recipients: Iterable[User],
    kind: str,
    key: str,
    payload: dict[str, Any],
    target: models.Model | None = None,
) -> list[Notification]:
    """The same notice for several people (active accounts only), each with their rhythm."""
    recipients = [user for user in recipients if user.is_active]
    frequencies = frequencies_for(user_ids=[user.pk for user in recipients], kind=kind)
    created = []
    for user in recipients:
        notification = notification_create(
            recipient=user,
            kind=kind,
            key=key,
            payload=payload,
            target=target,
            frequency=frequencies[user.pk],
        )
        if notification is not None:
            created.append(notification)
    return created


def email_only_create(
    *, email: str, kind: str, key: str, payload: dict[str, Any]
) -> EmailDelivery | None:
    """An e-mail to an address with no account (nothing to show in a notification centre),
    unless that address opted out of `kind`."""
    if EmailOptOut.objects.filter(email__iexact=email, kind=kind).exists():
        logger.info("Not e-mailing %s: the address opted out", kind)
        return None
    return delivery_create(
        key=key,
        kind=kind,
        to_email=email,
        language=settings.LANGUAGE_CODE,
        payload=payload,
    )
