"""Webhook deliveries: fan an event out, send one attempt, retry with backoff, redeliver.

At least once: a delivery may arrive twice (a worker dies after sending, a person presses
"redeliver"); every delivery of one event carries the same `Puentes-Event-Id`, so receivers
deduplicate on it.

Failed attempts count against the subscription; a success resets the count. After
PARTNERS_WEBHOOK_MAX_FAILURES failures in a row the subscription is switched off and the
`webhook_disabled` event is sent (the notifications app tells its owners).

Deliveries are sent by the `webhook_deliver` task, which the callers of these services
enqueue (tasks.py, the site and API views, the admin): a service never imports its
app's tasks.
"""

import datetime
import json
import time
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partners import events, outbound, payloads
from partners.models import ApiKey, WebhookDelivery, WebhookSubscription
from partners.services.subscriptions import can_manage_subscriptions
from partners.signing import signature_header
from profiles.models import User

EVENT_NAMESPACE = uuid.UUID("6f1c2a4e-3b7d-4f0e-9a51-0c8e2d7b9f13")
API_VERSION = "v1"


def _event_id(event: str, refs: dict[str, Any], occurred_at: str) -> uuid.UUID:
    """The same event (same refs, same moment) always gets the same id: re-running a fan-out
    after a crash finds the deliveries it already created."""
    key = json.dumps({"event": event, "refs": refs, "at": occurred_at}, sort_keys=True)
    return uuid.uuid5(EVENT_NAMESPACE, key)


@transaction.atomic
def webhook_event_dispatch(*, event: str, refs: dict[str, Any], occurred_at: str) -> list[int]:
    """Create one delivery per subscriber that may hear `event`. Idempotent. Returns the ids
    of the deliveries created now; the caller enqueues one `webhook_deliver` task for each."""
    content = payloads.event_content(event, refs)
    if content is None:
        return []
    event_id = _event_id(event, refs, occurred_at)
    payload = {
        "id": str(event_id),
        "type": event,
        "created_at": occurred_at,
        "api_version": API_VERSION,
        "data": content.data,
    }
    # Stored as plain JSON, exactly what is sent.
    payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    subscriptions = content.audience.exclude(
        pk__in=WebhookDelivery.objects.filter(event_id=event_id).values("subscription_id")
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(subscription=s, event=event, event_id=event_id, payload=payload)
            for s in subscriptions.only("pk")
        ]
    )
    return [d.pk for d in deliveries]


def _body(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()


def _headers(delivery: WebhookDelivery, body: bytes) -> dict[str, str]:
    timestamp = int(time.time())
    return {
        "Content-Type": "application/json",
        "User-Agent": f"Puentes-Webhooks/1 (+{settings.SITE_URL})",
        "Puentes-Event": delivery.event,
        "Puentes-Event-Id": str(delivery.event_id),
        "Puentes-Delivery": str(delivery.pk),
        "Puentes-Timestamp": str(timestamp),
        "Puentes-Signature": signature_header(
            secrets=delivery.subscription.signing_secrets(), timestamp=timestamp, body=body
        ),
    }


def backoff_seconds(attempts: int) -> int:
    """Wait before the next attempt: base · 2^(attempts − 1), capped."""
    delay = settings.PARTNERS_WEBHOOK_BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return int(min(delay, settings.PARTNERS_WEBHOOK_BACKOFF_MAX_SECONDS))


def webhook_delivery_attempt(*, delivery_id: int) -> int | None:
    """Send one attempt and record it. Returns the seconds to wait before retrying, or None
    when the delivery is settled (delivered, failed for good, or nothing to do)."""
    delivery = (
        WebhookDelivery.objects.select_related("subscription__partner_key")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.is_final:
        return None
    if not delivery.subscription.is_active:
        _settle_without_attempt(delivery.pk, error=gettext("El webhook está desactivado."))
        return None
    partner_key_id = delivery.subscription.partner_key_id
    if (
        partner_key_id is not None
        and not ApiKey.objects.usable().filter(pk=partner_key_id).exists()
    ):
        # Revoked, expired or its issuer gone since the fan-out: that partner hears no more.
        _settle_without_attempt(
            delivery.pk, error=gettext("La clave de la organización aliada ya no es válida.")
        )
        return None
    body = _body(delivery)
    # The network call happens outside any transaction: no lock is held while waiting.
    result = outbound.post_json(
        url=delivery.subscription.url, body=body, headers=_headers(delivery, body)
    )
    return _record_attempt(delivery.pk, result)


@transaction.atomic
def _settle_without_attempt(delivery_id: int, *, error: str) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id).exclude(
        status=WebhookDelivery.Status.DELIVERED
    ).update(status=WebhookDelivery.Status.FAILED, error=error, next_attempt_at=None)


def _count_failure(subscription: WebhookSubscription, now: datetime.datetime) -> None:
    """One more failure in a row; too many switch the subscription off and send
    `webhook_disabled` (inside the caller's transaction: receivers' tasks go on commit)."""
    subscription.consecutive_failures += 1
    disable = (
        subscription.is_active
        and subscription.consecutive_failures >= settings.PARTNERS_WEBHOOK_MAX_FAILURES
    )
    if disable:
        subscription.is_active, subscription.disabled_at = False, now
    subscription.save(
        update_fields=["consecutive_failures", "is_active", "disabled_at", "updated_at"]
    )
    if disable:
        events.webhook_disabled.send(sender=WebhookSubscription, subscription_id=subscription.pk)


@transaction.atomic
def _record_attempt(delivery_id: int, result: outbound.OutboundResult) -> int | None:
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    subscription = WebhookSubscription.objects.select_for_update().get(pk=delivery.subscription_id)
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_code = result.status_code
    delivery.duration_ms = result.duration_ms
    delivery.error = result.error
    if result.refused:
        # The SSRF guard refused the destination: it will refuse it again, so no retries.
        delivery.error = gettext("Destino rechazado, sin reintentos: %(reason)s") % {
            "reason": result.error
        }
    delivery.next_attempt_at = None
    retry_in = None
    if result.ok:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, now
        if subscription.consecutive_failures:
            subscription.consecutive_failures = 0
            subscription.save(update_fields=["consecutive_failures", "updated_at"])
    else:
        _count_failure(subscription, now)
        retryable = subscription.is_active and not result.refused
        if retryable and delivery.attempts < settings.PARTNERS_WEBHOOK_MAX_ATTEMPTS:
            retry_in = backoff_seconds(delivery.attempts)
            delivery.status = WebhookDelivery.Status.RETRYING
            delivery.next_attempt_at = now + datetime.timedelta(seconds=retry_in)
        else:
            delivery.status = WebhookDelivery.Status.FAILED
    delivery.save()
    return retry_in


def can_manage_subscription(*, user: object, subscription: WebhookSubscription) -> bool:
    return can_manage_subscriptions(
        user=user, institution=subscription.institution, partner_key=subscription.partner_key
    )


@transaction.atomic
def webhook_delivery_redeliver(*, delivery: WebhookDelivery, by: User) -> WebhookDelivery:
    """Send the same event again (same event id, fresh attempts) on demand. The caller
    enqueues the `webhook_deliver` task of the delivery returned."""
    subscription = delivery.subscription
    if not can_manage_subscription(user=by, subscription=subscription):
        raise PermissionDenied(_("Solo los administradores de la institución manejan webhooks."))
    if not subscription.is_active:
        raise ValidationError(
            _("El webhook está desactivado: actívalo antes de reenviar entregas."),
            code="subscription_inactive",
        )
    again = WebhookDelivery.objects.create(
        subscription=subscription,
        event=delivery.event,
        event_id=delivery.event_id,
        payload=delivery.payload,
        redelivery_of=delivery,
    )
    return again


# Deliveries waiting this long past their due time lost their task (a broker restart…).
STUCK_AFTER = datetime.timedelta(minutes=10)
SWEEP_BATCH = 500


def webhook_deliveries_sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """The deliveries whose task was lost, marked due now; the caller enqueues them again. A
    delivery swept while its task was merely late may be sent twice, which receivers handle
    (at least once). Returns their ids."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            WebhookDelivery.objects.filter(
                status__in=[WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING]
            )
            .annotate(due_at=Coalesce("next_attempt_at", "created_at"))
            .filter(due_at__lt=now - STUCK_AFTER)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        # Due now: the next sweep leaves them alone unless they are lost again.
        WebhookDelivery.objects.filter(pk__in=ids).update(next_attempt_at=now)
    return ids
