"""Notices about suggestions the matching engine computed (digested by default)."""

from django.urls import reverse

from notifications.models import Kind
from notifications.services.kinds.shared import ids_key, members, project_path
from notifications.services.notify import notification_create, notifications_create
from profiles.models import ExpertProfile
from projects.models import Project

# How many suggested experts or projects a notice names; the link shows them all.
SUGGESTIONS_NAMED = 5


def experts_suggested(*, project_id: int, expert_ids: list[int]) -> None:
    """Tell the institution's members that new experts were suggested for their project.
    Only experts still shown (not hidden, paused, suspended or deleted since) are counted and
    named; when none is left, nobody is told."""
    expert_ids = list(
        ExpertProfile.objects.available().filter(pk__in=expert_ids).values_list("pk", flat=True)
    )
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
        recipients=members(project.institution_id),
        kind=Kind.SUGGESTED_EXPERTS,
        key=f"suggested_experts:project:{project.pk}:{ids_key(expert_ids)}",
        target=project,
        payload={
            "project_title": project.title,
            "count": len(set(expert_ids)),
            "experts": [
                {
                    "id": profile.pk,
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
        key=f"suggested_projects:profile:{profile.pk}:{ids_key(project_ids)}",
        target=profile,
        payload={
            "count": len(set(project_ids)),
            "projects": [
                {
                    "title": project.title,
                    "institution_name": project.institution.name,
                    "url": project_path(project.pk),
                }
                for project in named
            ],
            "url": reverse("matching:my_suggestions"),
        },
    )
