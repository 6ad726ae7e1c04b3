"""Webhook deliveries: fan an event out, send one attempt, retry with backoff, redeliver.

At least once: a delivery may arrive twice (a worker dies after sending, a person presses
"redeliver"); every delivery of one event carries the same `Puentes-Event-Id`, so receivers
deduplicate on it.

Failed attempts count against the subscription; a success resets the count. After
PARTNERS_WEBHOOK_MAX_FAILURES failures in a row the subscription is switched off and its
owner is told (`webhook_disabled_notify`).
"""

import datetime
import json
import time
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partners import outbound, payloads
from partners.models import WebhookDelivery, WebhookSubscription
from partners.services.subscriptions import can_manage_subscriptions
from partners.signing import signature_header
from profiles.models import Membership, User

EVENT_NAMESPACE = uuid.UUID("6f1c2a4e-3b7d-4f0e-9a51-0c8e2d7b9f13")
API_VERSION = "v1"


def _event_id(event: str, refs: dict[str, Any], occurred_at: str) -> uuid.UUID:
    """The same event (same refs, same moment) always gets the same id: re-running a fan-out
    after a crash finds the deliveries it already created."""
    key = json.dumps({"event": event, "refs": refs, "at": occurred_at}, sort_keys=True)
    return uuid.uuid5(EVENT_NAMESPACE, key)


def _enqueue(delivery_ids: list[int]) -> None:
    from partners.tasks import webhook_deliver

    def send() -> None:
        for pk in delivery_ids:
            webhook_deliver.delay(pk)

    transaction.on_commit(send)


@transaction.atomic
def webhook_event_dispatch(*, event: str, refs: dict[str, Any], occurred_at: str) -> list[int]:
    """Create one delivery per subscriber that may hear `event` and enqueue them on commit.
    Idempotent. Returns the ids of the deliveries created now."""
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
    ids = [d.pk for d in deliveries]
    _enqueue(ids)
    return ids


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
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.is_final:
        return None
    if not delivery.subscription.is_active:
        _settle_without_attempt(delivery.pk, error=gettext("El webhook está desactivado."))
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
    delivery.next_attempt_at = None
    retry_in = None
    if result.ok:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, now
        if subscription.consecutive_failures:
            subscription.consecutive_failures = 0
            subscription.save(update_fields=["consecutive_failures", "updated_at"])
    else:
        subscription.consecutive_failures += 1
        if (
            subscription.is_active
            and subscription.consecutive_failures >= settings.PARTNERS_WEBHOOK_MAX_FAILURES
        ):
            subscription.is_active, subscription.disabled_at = False, now
            transaction.on_commit(lambda: webhook_disabled_notify(subscription_id=subscription.pk))
        subscription.save(
            update_fields=["consecutive_failures", "is_active", "disabled_at", "updated_at"]
        )
        if subscription.is_active and delivery.attempts < settings.PARTNERS_WEBHOOK_MAX_ATTEMPTS:
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
    """Send the same event again (same event id, fresh attempts) on demand."""
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
    _enqueue([again.pk])
    return again


# Deliveries waiting this long past their due time lost their task (a broker restart…).
STUCK_AFTER = datetime.timedelta(minutes=10)
SWEEP_BATCH = 500


def webhook_deliveries_sweep(*, now: datetime.datetime | None = None) -> int:
    """Enqueue again the deliveries whose task was lost. A delivery swept while its task was
    merely late may be sent twice, which receivers handle (at least once). Returns how many."""
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
        _enqueue(ids)
    return len(ids)


# --- Telling the owner ---------------------------------------------------------------------


def _owner_recipients(subscription: WebhookSubscription) -> list[tuple[str, str]]:
    """(e-mail, language) of whoever answers for the subscription."""
    if subscription.institution_id is not None:
        admins = User.objects.filter(
            memberships__institution_id=subscription.institution_id,
            memberships__role=Membership.Role.ADMIN,
            is_active=True,
        ).order_by("pk")
        return [(u.email, u.language) for u in admins]
    key = subscription.partner_key
    if key.contact_email:
        return [(key.contact_email, settings.LANGUAGE_CODE)]
    if key.created_by is not None:
        return [(key.created_by.email, key.created_by.language)]
    return []


def webhook_disabled_notify(*, subscription_id: int) -> int:
    """Tell the owner a subscription was switched off after repeated failures.

    The one place that decides how owners hear about it: e-mail for now; swap this function
    for the notifications app when it offers a channel. Returns how many were told.
    """
    subscription = (
        WebhookSubscription.objects.select_related("institution", "partner_key__created_by")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None or subscription.is_active:
        return 0
    if subscription.institution_id is not None:
        manage_url = settings.SITE_URL + reverse(
            "partners:webhook_detail", args=[subscription.institution.slug, subscription.pk]
        )
    else:
        manage_url = settings.SITE_URL + reverse("admin:partners_webhooksubscription_changelist")
    sent = 0
    for email, language in _owner_recipients(subscription):
        with translation.override(language):
            context = {
                "subscription": subscription,
                "failures": subscription.consecutive_failures,
                "manage_url": manage_url,
            }
            subject = gettext("Desactivamos un webhook que fallaba: %(url)s") % {
                "url": subscription.url
            }
            body = render_to_string("partners/emails/webhook_disabled.txt", context)
        sent += send_mail(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
            body,
            None,
            [email],
        )
    return sent
