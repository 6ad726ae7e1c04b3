"""Collaboration requests and experts looked up within the viewer's scope."""

from django.db.models import QuerySet

from profiles.models import ExpertProfile, User
from projects.choices import ProjectStatus
from projects.models import Interest, Invitation, Project


def interest_get_for_member(*, user: User, pk: int) -> Interest:
    """An interest on a project of one of `user`'s institutions, from an expert `user` may see
    (else DoesNotExist)."""
    return Interest.objects.select_related("project", "expert__user").get(
        pk=pk,
        project__in=Project.objects.of_member(user),
        expert__in=ExpertProfile.objects.visible_to(user).listed(),
    )


def invitation_get_for_expert(*, user: User, pk: int) -> Invitation:
    """An invitation addressed to `user` (else DoesNotExist)."""
    return Invitation.objects.select_related("project__institution", "expert__user").get(
        pk=pk, expert__user=user
    )


def expert_get_for_invitation(*, user: User, pk: int) -> ExpertProfile:
    """An expert `user` may see in the directory (else DoesNotExist)."""
    return ExpertProfile.objects.visible_to(user).select_related("user").get(pk=pk)


def project_list_for_inviting(*, user: User) -> QuerySet[Project]:
    """The projects of `user`'s institutions that can take an invitation now (published or in
    progress, neither staffed nor paused), for the picker on a profile or a card."""
    return (
        Project.objects.of_member(user)
        .filter(
            status__in=[ProjectStatus.PUBLISHED, ProjectStatus.IN_PROGRESS],
            staffed_at__isnull=True,
            paused_at__isnull=True,
        )
        .select_related("institution")
        .distinct()
        .order_by("title")
    )
