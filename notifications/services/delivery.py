"""Sending the outbox: each EmailDelivery row leaves exactly once, or ends `failed`.

How "nothing lost, nothing twice" holds:

* The row is written in the same transaction as the change it reports (see
  notifications.services.notify); the send task is enqueued, with the row's id, once that
  transaction commits.
* `delivery_send` first *claims* the row with one conditional UPDATE (pending → sending, or a
  `sending` row whose lease ran out), committed on its own. PostgreSQL re-checks the WHERE
  clause after waiting for a concurrent UPDATE of the same row, so of two workers running the
  same task message (a duplicate, a retry, a sweep) exactly one claims it; the other does
  nothing. The claim stores a random token.
* After the SMTP server accepts the message, the row is marked `sent` (only if it still holds
  our token) immediately, before anything else runs.
* SMTP errors put the row back to `pending` with the error and the time of the next try; the
  task's autoretry re-runs it with exponential backoff. After NOTIFICATIONS_EMAIL_MAX_ATTEMPTS
  (or at once, for a permanent 5xx refusal) the row is `failed`: visible and re-sendable in
  the admin.
* `deliveries_sweep` (beat, every minute) re-enqueues rows nobody picked up (the enqueue was
  lost, the broker restarted) and rows left `sending` past the lease (the worker died). With
  late acks a killed worker's message is also redelivered by the broker; either way the claim
  makes the extra run harmless.

The one window that cannot be closed: a worker that dies (or loses the database) *after* the
SMTP server accepted the message and *before* the `sent` UPDATE commits leaves the row
`sending`; after the lease it is sent again. Nothing can make an SMTP hand-off and a database
commit atomic. The window is kept as small as possible: the message is rendered and the SMTP
connection opened before sending, the UPDATE is the very next statement after the server's
reply (the connection is closed only afterwards, so QUIT is outside the window), and a failed
UPDATE is retried a few times before giving up. Both copies carry the same Message-ID, which
many mail clients use to show one.

The lease (NOTIFICATIONS_DELIVERY_LEASE_SECONDS, a minute by default) is short so that an
e-mail claimed by a killed worker is sent again soon, and it is renewed every third of it
while the send runs (a thread of the sending process), so a slow but live SMTP conversation
is never claimed by a second worker. Renewal stops with the process: only a dead sender's
claim runs out.
"""

import contextlib
import datetime
import logging
import smtplib
import threading
import time
import uuid
from collections.abc import Iterator

from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.core.mail import get_connection
from django.db import OperationalError, close_old_connections, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications import emails, events
from notifications.models import EmailDelivery

logger = logging.getLogger(__name__)

# Errors worth another try: the server or the network failed, not our message.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)

SENT = "sent"
SKIPPED = "skipped"
FAILED = "failed"
RETRY = "retry"


class DeliveryError(Exception):
    """A transient send error, raised again so the task's autoretry tries later."""


def _lease_start(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(seconds=settings.NOTIFICATIONS_DELIVERY_LEASE_SECONDS)


def delivery_claim(*, delivery_id: int, now: datetime.datetime | None = None) -> str | None:
    """Take the row for sending; returns the claim token, or None when another run has it or
    it is already sent or failed. Must run outside a transaction so the claim is committed
    before the e-mail leaves."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    claimed = (
        EmailDelivery.objects.filter(pk=delivery_id)
        .filter(
            Q(state=EmailDelivery.State.PENDING)
            | Q(state=EmailDelivery.State.SENDING, claimed_at__lte=_lease_start(now))
        )
        .update(
            state=EmailDelivery.State.SENDING,
            claimed_at=now,
            claim_token=token,
            attempts=F("attempts") + 1,
        )
    )
    return token if claimed else None


@contextlib.contextmanager
def _lease_renewed(delivery_id: int, token: str) -> Iterator[None]:
    """Push the claim's lease forward every third of it until the block ends."""
    stop = threading.Event()
    every = max(settings.NOTIFICATIONS_DELIVERY_LEASE_SECONDS / 3, 0.2)

    def renew() -> None:
        try:
            while not stop.wait(every):
                try:
                    EmailDelivery.objects.filter(
                        pk=delivery_id, claim_token=token, state=EmailDelivery.State.SENDING
                    ).update(claimed_at=timezone.now())
                except OperationalError:
                    logger.warning("Could not renew the lease of delivery %s", delivery_id)
        finally:
            connection.close()  # this thread's own connection

    keeper = threading.Thread(target=renew, name=f"lease-{delivery_id}", daemon=True)
    keeper.start()
    try:
        yield
    finally:
        stop.set()
        keeper.join(timeout=5)


def _is_permanent(error: BaseException) -> bool:
    """A 5xx answer means the server will never take this message: do not retry."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _mark_sent(delivery_id: int, token: str) -> None:
    for attempt in range(3):
        try:
            updated = EmailDelivery.objects.filter(pk=delivery_id, claim_token=token).update(
                state=EmailDelivery.State.SENT, sent_at=timezone.now(), last_error=""
            )
        except OperationalError:
            # The connection dropped: reconnect and try again; giving up now would mean a
            # second copy after the lease.
            if attempt == 2:
                raise
            close_old_connections()
            time.sleep(0.5 * (attempt + 1))
            continue
        if not updated:
            logger.warning("Delivery %s was re-claimed while being sent", delivery_id)
        return


def _record_failure(
    delivery: EmailDelivery, token: str, error: BaseException, *, permanent: bool
) -> str:
    now = timezone.now()
    final = permanent or delivery.attempts >= settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS
    countdown = get_exponential_backoff_interval(
        factor=settings.NOTIFICATIONS_EMAIL_RETRY_BACKOFF,
        retries=max(delivery.attempts - 1, 0),
        maximum=settings.NOTIFICATIONS_EMAIL_RETRY_BACKOFF_MAX,
        full_jitter=False,
    )
    EmailDelivery.objects.filter(pk=delivery.pk, claim_token=token).update(
        state=EmailDelivery.State.FAILED if final else EmailDelivery.State.PENDING,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=None if final else now + datetime.timedelta(seconds=countdown),
        enqueued_at=now,
    )
    return FAILED if final else RETRY


def delivery_send(*, delivery_id: int) -> str:
    """Send one outbox row if this run can claim it. Idempotent: duplicated or repeated calls
    send at most once (except in the window described in the module docstring).

    Returns "sent", "skipped" (not ours to send) or "failed" (given up); raises DeliveryError
    for a transient SMTP error that should be retried."""
    if transaction.get_connection().in_atomic_block:
        raise RuntimeError("delivery_send() must run outside a transaction (it commits a claim)")
    token = delivery_claim(delivery_id=delivery_id)
    if token is None:
        return SKIPPED
    delivery = EmailDelivery.objects.select_related("recipient", "notification").get(pk=delivery_id)
    if delivery.recipient is not None and not delivery.recipient.is_active:
        return _record_failure(
            delivery, token, ValueError("the account is no longer active"), permanent=True
        )
    try:
        message = emails.build_message(delivery)
    except Exception as error:
        # Rendering fails the same way every time (a deleted row, a template bug): retrying
        # after each lease would loop forever, so the row fails now, visible in the admin.
        logger.exception("Delivery %s could not be rendered", delivery_id)
        return _record_failure(delivery, token, error, permanent=True)
    smtp = get_connection(timeout=settings.NOTIFICATIONS_SMTP_TIMEOUT)
    try:
        with _lease_renewed(delivery_id, token):
            smtp.open()
            smtp.send_messages([message])
    except TRANSIENT_ERRORS as error:
        outcome = _record_failure(delivery, token, error, permanent=_is_permanent(error))
        logger.warning("Delivery %s not sent (%s): %s", delivery_id, outcome, error)
        if outcome == RETRY:
            raise DeliveryError(str(error)) from error
        return outcome
    else:
        _mark_sent(delivery_id, token)
    finally:
        try:
            smtp.close()
        except TRANSIENT_ERRORS:
            logger.info("Closing the SMTP connection failed after delivery %s", delivery_id)
    return SENT


def deliveries_sweep(*, now: datetime.datetime | None = None, limit: int = 1000) -> int:
    """Re-enqueue deliveries left pending or stuck `sending` past the lease. Idempotent: the
    claim decides who sends; `enqueued_at` is bumped so the next sweep waits again."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            EmailDelivery.objects.stale(now)
            .order_by("enqueued_at")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        EmailDelivery.objects.filter(pk__in=ids).update(enqueued_at=now)
        events.emails_queued.send(sender=EmailDelivery, delivery_ids=ids)
    if ids:
        logger.info("Swept %s e-mail deliveries back into the queue", len(ids))
    return len(ids)


def deliveries_resend(*, delivery_ids: list[int]) -> int:
    """Send failed (or stuck pending) deliveries again, from the admin. Sent ones are left
    alone: re-sending them would mail the person twice. Returns how many were queued."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            EmailDelivery.objects.filter(
                pk__in=delivery_ids,
                state__in=[EmailDelivery.State.FAILED, EmailDelivery.State.PENDING],
            )
            .select_for_update()
            .values_list("pk", flat=True)
        )
        EmailDelivery.objects.filter(pk__in=ids).update(
            state=EmailDelivery.State.PENDING,
            attempts=0,
            next_attempt_at=None,
            enqueued_at=now,
        )
        events.emails_queued.send(sender=EmailDelivery, delivery_ids=ids)
    return len(ids)


__all__ = [
    "DeliveryError",
    "deliveries_resend",
    "deliveries_sweep",
    "delivery_claim",
    "delivery_send",
]
