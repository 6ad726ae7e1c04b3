"""Notices about projects (staff approved or rejected one) and engagements (follow-ups)."""

from django.urls import reverse

from notifications.models import Kind
from notifications.services.kinds.shared import members, name_of, project_path
from notifications.services.notify import notifications_create
from projects.models import Engagement, Project, ProjectTransition


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
        "url": project_path(project.pk),
    }
    if not approved:
        payload["reason"] = reason or project.rejection_reason
    notifications_create(
        recipients=members(project.institution_id, exclude=[by_id]),
        kind=kind,
        key=f"{kind}:project:{project.pk}:{transition.pk if transition else 0}",
        target=project,
        payload=payload,
    )


def engagement_follow_up(*, engagement: Engagement, follow_up_id: int, months: int) -> int:
    """Ask both sides what came of the engagement. Returns how many notices were written."""
    project = engagement.project
    payload = {
        "project_title": project.title,
        "institution_name": project.institution.name,
        "expert_name": name_of(engagement.expert.user),
        "months": months,
        "url": reverse("projects:engagement_detail", args=[engagement.pk]),
    }
    contact = engagement.institution_contact
    liaisons = (
        [contact]
        if contact is not None
        and contact.is_active
        and contact.memberships.filter(institution_id=project.institution_id).exists()
        else members(project.institution_id)
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
