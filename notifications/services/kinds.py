"""One function per fact worth telling someone: load what the notice shows, choose who gets
it, write it with notify.notifications_create. Called by notifications.receivers (inside the
triggering service's transaction) and by the periodic reminders.

Payloads copy what the notice shows (titles, names, reasons, the link's path) so the notice
centre and digests render without loading anything, and say what was true at the time.
"""

import hashlib
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from notifications.models import Kind
from notifications.services.notify import (
    email_only_create,
    notification_create,
    notifications_create,
)
from profiles.models import AuditEntry, ExpertProfile, Institution, MembershipInvitation, User
from projects.models import Engagement, Interest, Invitation, Project, ProjectTransition

# How many suggested experts or projects a notice names; the link shows them all.
SUGGESTIONS_NAMED = 5
MESSAGE_EXCERPT = 600


def _excerpt(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= MESSAGE_EXCERPT else text[: MESSAGE_EXCERPT - 1] + "…"


def _members(institution_id: int, *, exclude: Iterable[int | None] = ()) -> list[User]:
    """Everyone who acts for the institution (liaisons and its admins)."""
    excluded = [pk for pk in exclude if pk is not None]
    return list(
        User.objects.filter(memberships__institution_id=institution_id, is_active=True)
        .exclude(pk__in=excluded)
        .distinct()
        .order_by("pk")
    )


def _name(user: User | None) -> str:
    return (user.name or user.email) if user is not None else ""


def _project_path(project_id: int, anchor: str = "") -> str:
    return reverse("projects:detail", args=[project_id]) + anchor


def _ids_key(ids: Iterable[int]) -> str:
    return hashlib.sha256(",".join(str(i) for i in sorted(set(ids))).encode()).hexdigest()[:16]


# --- Interests --------------------------------------------------------------------------------


def _interest(interest_id: int) -> Interest:
    return Interest.objects.select_related("project__institution", "expert__user").get(
        pk=interest_id
    )


def interest_received(*, interest_id: int) -> None:
    interest = _interest(interest_id)
    project = interest.project
    notifications_create(
        recipients=_members(project.institution_id, exclude=[interest.expert.user_id]),
        kind=Kind.INTEREST_RECEIVED,
        key=f"interest_received:interest:{interest.pk}",
        target=interest,
        payload={
            "project_title": project.title,
            "institution_name": project.institution.name,
            "expert_name": _name(interest.expert.user),
            "message": _excerpt(interest.message),
            "expires_at": interest.expires_at.isoformat(),
            "url": _project_path(project.pk, "#interests-title"),
        },
    )


def interest_answered(*, interest_id: int, engagement_id: int | None = None) -> None:
    """Tell the expert what the institution answered (accepted, or declined with a reason)."""
    interest = _interest(interest_id)
    project = interest.project
    accepted = engagement_id is not None
    kind = Kind.INTEREST_ACCEPTED if accepted else Kind.INTEREST_DECLINED
    payload: dict[str, Any] = {
        "project_title": project.title,
        "institution_name": project.institution.name,
    }
    if accepted:
        payload["url"] = reverse("projects:engagement_detail", args=[engagement_id])
    else:
        payload.update(
            reason=interest.decline_reason,
            note=_excerpt(interest.decline_note),
            url=_project_path(project.pk, "#participate-title"),
        )
    if interest.expert.user.is_active:
        notification_create(
            recipient=interest.expert.user,
            kind=kind,
            key=f"{kind}:interest:{interest.pk}",
            target=interest,
            payload=payload,
        )


# --- Invitations ------------------------------------------------------------------------------


def _invitation(invitation_id: int) -> Invitation:
    return Invitation.objects.select_related(
        "project__institution", "expert__user", "invited_by"
    ).get(pk=invitation_id)


def invitation_received(*, invitation_id: int) -> None:
    invitation = _invitation(invitation_id)
    project = invitation.project
    expert_user = invitation.expert.user
    if not expert_user.is_active:
        return
    notification_create(
        recipient=expert_user,
        kind=Kind.INVITATION_RECEIVED,
        key=f"invitation_received:invitation:{invitation.pk}",
        target=invitation,
        payload={
            "project_title": project.title,
            "institution_name": project.institution.name,
            "inviter_name": _name(invitation.invited_by),
            "message": _excerpt(invitation.message),
            "expires_at": invitation.expires_at.isoformat(),
            "url": _project_path(project.pk, "#participate-title"),
        },
    )


def _inviters(invitation: Invitation) -> list[User]:
    """Whoever sent the invitation, if still with the institution; else all its members."""
    inviter = invitation.invited_by
    if (
        inviter is not None
        and inviter.is_active
        and inviter.memberships.filter(institution_id=invitation.project.institution_id).exists()
    ):
        return [inviter]
    return _members(invitation.project.institution_id, exclude=[invitation.expert.user_id])


def invitation_answered(*, invitation_id: int, engagement_id: int | None = None) -> None:
    """Tell the institution the expert's answer (accepted, or declined with a reason)."""
    invitation = _invitation(invitation_id)
    project = invitation.project
    accepted = engagement_id is not None
    kind = Kind.INVITATION_ACCEPTED if accepted else Kind.INVITATION_DECLINED
    payload: dict[str, Any] = {
        "project_title": project.title,
        "expert_name": _name(invitation.expert.user),
    }
    if accepted:
        payload["url"] = reverse("projects:engagement_detail", args=[engagement_id])
    else:
        payload.update(
            reason=invitation.decline_reason,
            note=_excerpt(invitation.decline_note),
            url=_project_path(project.pk, "#invitations-title"),
        )
    notifications_create(
        recipients=_inviters(invitation),
        kind=kind,
        key=f"{kind}:invitation:{invitation.pk}",
        target=invitation,
        payload=payload,
    )


def invitation_expiring(*, invitation: Invitation) -> bool:
    """Remind the expert that an invitation they have not answered expires soon. Returns
    whether a reminder was written (False when it already was)."""
    project = invitation.project
    if not invitation.expert.user.is_active:
        return False
    return (
        notification_create(
            recipient=invitation.expert.user,
            kind=Kind.INVITATION_EXPIRING,
            key=f"invitation_expiring:invitation:{invitation.pk}",
            target=invitation,
            payload={
                "project_title": project.title,
                "institution_name": project.institution.name,
                "expires_at": invitation.expires_at.isoformat(),
                "url": _project_path(project.pk, "#participate-title"),
            },
        )
        is not None
    )


# --- Projects ---------------------------------------------------------------------------------


def project_decided(
    *, project_id: int, by_id: int | None, approved: bool, reason: str = ""
) -> None:
    """Tell the institution that platform staff approved or rejected its project."""
    project = Project.objects.select_related("institution").get(pk=project_id)
    to_status = "published" if approved else "rejected"
    # A project can be rejected, corrected and rejected again: each decision is its own
    # transition, and its own notice.
    transition = (
        ProjectTransition.objects.filter(project=project, to_status=to_status)
        .order_by("-created_at", "-pk")
        .first()
    )
    kind = Kind.PROJECT_APPROVED if approved else Kind.PROJECT_REJECTED
    payload = {
        "project_title": project.title,
        "institution_name": project.institution.name,
        "url": _project_path(project.pk),
    }
    if not approved:
        payload["reason"] = reason or project.rejection_reason
    notifications_create(
        recipients=_members(project.institution_id, exclude=[by_id]),
        kind=kind,
        key=f"{kind}:project:{project.pk}:{transition.pk if transition else 0}",
        target=project,
        payload=payload,
    )


# --- Institutions -----------------------------------------------------------------------------


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
        recipients=_members(institution.pk, exclude=[by_id]),
        kind=kind,
        key=f"{kind}:institution:{institution.pk}:{decision or 0}",
        target=institution,
        payload=payload,
    )


def membership_invited(*, invitation_id: int) -> None:
    """E-mail the link to join an institution; an existing account also sees it in the site."""
    from profiles.services.institutions import INVITATION_VALID_DAYS

    invitation = (
        MembershipInvitation.objects.select_related("institution", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_open:
        return
    payload = {
        "institution_name": invitation.institution.name,
        "inviter_name": _name(invitation.invited_by),
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


# --- Engagements ------------------------------------------------------------------------------


def engagement_follow_up(*, engagement: Engagement, follow_up_id: int, months: int) -> int:
    """Ask both sides what came of the engagement. Returns how many notices were written."""
    project = engagement.project
    payload = {
        "project_title": project.title,
        "institution_name": project.institution.name,
        "expert_name": _name(engagement.expert.user),
        "months": months,
        "url": reverse("projects:engagement_detail", args=[engagement.pk]),
    }
    contact = engagement.institution_contact
    liaisons = (
        [contact]
        if contact is not None
        and contact.is_active
        and contact.memberships.filter(institution_id=project.institution_id).exists()
        else _members(project.institution_id)
    )
    recipients = [engagement.expert.user, *[u for u in liaisons if u != engagement.expert.user]]
    return len(
        notifications_create(
            recipients=recipients,
            kind=Kind.ENGAGEMENT_FOLLOW_UP,
            key=f"engagement_follow_up:followup:{follow_up_id}",
            target=engagement,
            payload=payload,
        )
    )


# --- Matching ---------------------------------------------------------------------------------


def experts_suggested(*, project_id: int, expert_ids: list[int]) -> None:
    """Tell the institution's members that new experts were suggested for their project."""
    if not expert_ids:
        return
    project = Project.objects.select_related("institution").filter(pk=project_id).first()
    if project is None:
        return
    named = list(
        ExpertProfile.objects.filter(pk__in=expert_ids)
        .select_related("user")
        .order_by("pk")[:SUGGESTIONS_NAMED]
    )
    notifications_create(
        recipients=_members(project.institution_id),
        kind=Kind.SUGGESTED_EXPERTS,
        key=f"suggested_experts:project:{project.pk}:{_ids_key(expert_ids)}",
        target=project,
        payload={
            "project_title": project.title,
            "count": len(set(expert_ids)),
            "experts": [
                {
                    "name": str(profile.display_name),
                    "url": reverse("profiles:expert_detail", args=[profile.pk]),
                }
                for profile in named
            ],
            "url": reverse("matching:project_suggestions", args=[project.pk]),
        },
    )


def projects_suggested(*, profile_id: int, project_ids: list[int]) -> None:
    """Tell an expert that new projects were suggested for them."""
    if not project_ids:
        return
    profile = ExpertProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not profile.user.is_active:
        return
    named = list(
        Project.objects.filter(pk__in=project_ids)
        .select_related("institution")
        .order_by("-published_at", "pk")[:SUGGESTIONS_NAMED]
    )
    notification_create(
        recipient=profile.user,
        kind=Kind.SUGGESTED_PROJECTS,
        key=f"suggested_projects:profile:{profile.pk}:{_ids_key(project_ids)}",
        target=profile,
        payload={
            "count": len(set(project_ids)),
            "projects": [
                {
                    "title": project.title,
                    "institution_name": project.institution.name,
                    "url": _project_path(project.pk),
                }
                for project in named
            ],
            "url": reverse("matching:my_suggestions"),
        },
    )
