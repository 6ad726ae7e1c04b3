"""Notices about interests (an expert offers help) and invitations (an institution asks)."""

from typing import Any

from django.urls import reverse

from notifications.models import Kind
from notifications.services.kinds.shared import excerpt, members, name_of, project_path
from notifications.services.notify import notification_create, notifications_create
from profiles.models import User
from projects.models import Interest, Invitation

# --- Interests --------------------------------------------------------------------------------


def _interest(interest_id: int) -> Interest:
    return Interest.objects.select_related("project__institution", "expert__user").get(
        pk=interest_id
    )


def interest_received(*, interest_id: int) -> None:
    interest = _interest(interest_id)
    project = interest.project
    notifications_create(
        recipients=members(project.institution_id, exclude=[interest.expert.user_id]),
        kind=Kind.INTEREST_RECEIVED,
        key=f"interest_received:interest:{interest.pk}",
        target=interest,
        payload={
            "project_title": project.title,
            "institution_name": project.institution.name,
            "expert_name": name_of(interest.expert.user),
            "message": excerpt(interest.message),
            "expires_at": interest.expires_at.isoformat(),
            "url": project_path(project.pk, "#interests-title"),
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
            note=excerpt(interest.decline_note),
            url=project_path(project.pk, "#participate-title"),
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
            "inviter_name": name_of(invitation.invited_by),
            "message": excerpt(invitation.message),
            "expires_at": invitation.expires_at.isoformat(),
            "url": project_path(project.pk, "#participate-title"),
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
    return members(invitation.project.institution_id, exclude=[invitation.expert.user_id])


def invitation_answered(*, invitation_id: int, engagement_id: int | None = None) -> None:
    """Tell the institution the expert's answer (accepted, or declined with a reason)."""
    invitation = _invitation(invitation_id)
    project = invitation.project
    accepted = engagement_id is not None
    kind = Kind.INVITATION_ACCEPTED if accepted else Kind.INVITATION_DECLINED
    payload: dict[str, Any] = {
        "project_title": project.title,
        "expert_name": name_of(invitation.expert.user),
    }
    if accepted:
        payload["url"] = reverse("projects:engagement_detail", args=[engagement_id])
    else:
        payload.update(
            reason=invitation.decline_reason,
            note=excerpt(invitation.decline_note),
            url=project_path(project.pk, "#invitations-title"),
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
                "url": project_path(project.pk, "#participate-title"),
            },
        )
        is not None
    )
