"""Writing notifications and their outbox rows.

Called (through notifications.services.kinds) by notifications.receivers while the triggering
service's transaction is open, and by the app's tasks. Everything here writes rows only and
announces each new outbox row with `events.emails_queued`; the app's receiver enqueues the send
task, which the task base sends only once the transaction commits. So a rolled-back change
notifies nobody and a committed one always has its delivery row (the sweeper sends it even if
the enqueue itself is lost).
"""

import hashlib
import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from notifications import events
from notifications.models import (
    EmailDelivery,
    EmailOptOut,
    Frequency,
    Notification,
)
from notifications.selectors import frequency_list_for_kind
from profiles.models import User

logger = logging.getLogger(__name__)


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
    """Write one outbox row (pending) and announce it (its sending is enqueued on commit).

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
    events.emails_queued.send(sender=EmailDelivery, delivery_ids=[delivery.pk])
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
        frequency = frequency_list_for_kind(kind=kind, user_ids=[recipient.pk])[recipient.pk]
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
    frequencies = frequency_list_for_kind(kind=kind, user_ids=[user.pk for user in recipients])
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
    *, email: str, kind: str, key: str, payload: dict[str, Any], language: str = ""
) -> EmailDelivery | None:
    """An e-mail to an address with no account (nothing to show in a notification centre),
    unless that address opted out of `kind`; in `language` when known."""
    if EmailOptOut.objects.filter(email__iexact=email, kind=kind).exists():
        logger.info("Not e-mailing %s: the address opted out", kind)
        return None
    return delivery_create(
        key=key,
        kind=kind,
        to_email=email,
        language=language or settings.LANGUAGE_CODE,
        payload=payload,
    )
