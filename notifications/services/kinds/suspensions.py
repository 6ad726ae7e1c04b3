"""Notices to a person whose account platform staff suspended or reinstated."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from notifications.models import EmailDelivery, Kind
from notifications.services.notify import delivery_create
from profiles.models import AuditEntry, User


@transaction.atomic
def account_suspension_changed(
    *, user_id: int, suspended: bool, reason: str
) -> EmailDelivery | None:
    """E-mail the person, in their language, that their account was suspended (with the
    reason) or reinstated. Only an e-mail: a suspended account cannot open the site, and the
    outbox row has no recipient account, so the delivery is not refused as inactive.

    Idempotent per decision: the key names the audit entry the service wrote just before."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    action = "account.suspend" if suspended else "account.reinstate"
    decision = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(user.pk),
            action=action,
        )
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    kind = Kind.ACCOUNT_SUSPENDED if suspended else Kind.ACCOUNT_REINSTATED
    payload = {"reason": reason, "url": "" if suspended else reverse("account_login")}
    return delivery_create(
        key=f"{kind}:user:{user.pk}:{decision or 0}",
        kind=kind,
        to_email=user.email,
        language=user.language,
        payload=payload,
    )
