"""Notices about partner integrations: a webhook switched off after failing again and again."""

from typing import Any

from django.db import transaction
from django.urls import reverse

from notifications.models import Kind
from notifications.services.notify import (
    email_only_create,
    notification_create,
    notifications_create,
)
from partners.models import WebhookSubscription
from profiles.models import Membership, User


def _institution_admins(institution_id: int) -> list[User]:
    return list(
        User.objects.filter(
            memberships__institution_id=institution_id,
            memberships__role=Membership.Role.ADMIN,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def webhook_disabled(*, subscription_id: int) -> int:
    """Tell whoever answers for a subscription that it was switched off after repeated
    failures: every admin of its institution, or, for a partner organisation's subscription,
    its key's contact address (else whoever issued the key). A notice that cannot be turned
    off (see notifications.models.MANDATORY_KINDS).

    Idempotent: one notice per person and disabling (a subscription switched on and off again
    is told again). Nothing is written when the subscription is gone or active again.
    Returns how many notices or e-mails were written."""
    subscription = (
        WebhookSubscription.objects.select_related("institution", "partner_key__created_by")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None or subscription.is_active:
        return 0
    disabled_at = subscription.disabled_at or subscription.updated_at
    key = f"webhook_disabled:subscription:{subscription.pk}:{disabled_at.isoformat()}"
    payload: dict[str, Any] = {
        "webhook_url": subscription.url,
        "owner_name": subscription.owner_name,
        "failures": subscription.consecutive_failures,
    }
    if subscription.institution is not None:
        payload["url"] = reverse(
            "partners:webhook_detail", args=[subscription.institution.slug, subscription.pk]
        )
        return len(
            notifications_create(
                recipients=_institution_admins(subscription.institution.pk),
                kind=Kind.WEBHOOK_DISABLED,
                key=key,
                target=subscription,
                payload=payload,
            )
        )
    # A partner organisation's subscription is managed by platform staff in the admin.
    payload["url"] = reverse("admin:partners_webhooksubscription_changelist")
    partner_key = subscription.partner_key
    if partner_key is None:
        return 0
    if partner_key.contact_email:
        delivery = email_only_create(
            email=partner_key.contact_email, kind=Kind.WEBHOOK_DISABLED, key=key, payload=payload
        )
        return int(delivery is not None)
    creator = partner_key.created_by
    if creator is None or not creator.is_active:
        return 0
    notice = notification_create(
        recipient=creator, kind=Kind.WEBHOOK_DISABLED, key=key, target=subscription, payload=payload
    )
    return int(notice is not None)
