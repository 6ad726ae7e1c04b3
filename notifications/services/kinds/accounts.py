"""Notices about institutions: staff verified or rejected one, someone was invited to join."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from notifications.models import Kind
from notifications.services.kinds.shared import members, name_of
from notifications.services.notify import (
    email_only_create,
    notification_create,
    notifications_create,
)
from profiles.models import AuditEntry, Institution, MembershipInvitation, User
from profiles.services.institutions import INVITATION_VALID_DAYS


def institution_decided(
    *, institution_id: int, by_id: int | None, verified: bool, reason: str = ""
) -> None:
    """Tell the institution's members that platform staff verified or rejected it."""
    institution = Institution.objects.get(pk=institution_id)
    kind = Kind.INSTITUTION_VERIFIED if verified else Kind.INSTITUTION_REJECTED
    # Verification can be withdrawn and granted again; the audit entry the service wrote just
    # before the event tells one decision from the next.
    decision = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Institution),
            object_id=str(institution.pk),
            action="institution.verify" if verified else "institution.reject",
        )
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    payload = {
        "institution_name": institution.name,
        "url": reverse(
            "profiles:institution_detail" if verified else "profiles:institution_edit",
            args=[institution.slug],
        ),
    }
    if not verified:
        payload["reason"] = reason or institution.rejection_reason
    notifications_create(
        recipients=members(institution.pk, exclude=[by_id]),
        kind=kind,
        key=f"{kind}:institution:{institution.pk}:{decision or 0}",
        target=institution,
        payload=payload,
    )


def membership_invited(*, invitation_id: int) -> None:
    """E-mail the link to join an institution; an existing account also sees it in the site."""
    invitation = (
        MembershipInvitation.objects.select_related("institution", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_open:
        return
    payload = {
        "institution_name": invitation.institution.name,
        "inviter_name": name_of(invitation.invited_by),
        "role": invitation.role,
        "email": invitation.email,
        "valid_days": INVITATION_VALID_DAYS,
        "url": reverse("profiles:membership_accept", kwargs={"token": invitation.token}),
    }
    key = f"membership_invitation:invitation:{invitation.pk}"
    invitee = (
        User.objects.filter(
            Q(email__iexact=invitation.email)
            | Q(emailaddress__email__iexact=invitation.email, emailaddress__verified=True),
            is_active=True,
        )
        .order_by("pk")
        .first()
    )
    if invitee is None:
        email_only_create(
            email=invitation.email, kind=Kind.MEMBERSHIP_INVITATION, key=key, payload=payload
        )
        return
    notification_create(
        recipient=invitee,
        kind=Kind.MEMBERSHIP_INVITATION,
        key=key,
        target=invitation,
        payload=payload,
        email=invitation.email,
    )
