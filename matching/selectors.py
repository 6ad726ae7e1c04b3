"""Reads for the suggestion pages: scoped to the viewer, bounded queries."""

from django.db.models import QuerySet

from matching.models import Match, MatchRun
from projects.models import Project


def project_for_suggestions(*, user: object, pk: int) -> Project:
    """A project whose suggestions `user` may see: a member of its institution, or staff."""
    projects = Project.objects.select_related("institution", "state")
    if not getattr(user, "is_staff", False):
        projects = projects.of_member(user)
    return projects.distinct().get(pk=pk)


def suggestions_for_project(*, project: Project) -> QuerySet[Match]:
    return (
        Match.objects.filter(project=project)
        .for_institution_view()
        .select_related("expert__user", "expert__origin_state")
        .order_by("-rank_score", "expert_id")
    )


def suggestions_for_expert(*, user: object) -> QuerySet[Match]:
    return (
        Match.objects.filter(expert__user=user, project__status="published")
        .for_expert_view()
        .select_related("project__institution", "project__state")
        .order_by("-rank_score", "project_id")
    )


def latest_run(*, scope: str, object_id: int) -> MatchRun | None:
    return MatchRun.objects.filter(scope=scope, object_id=object_id).order_by("-created_at").first()


def match_of_viewer(*, user: object, pk: int) -> Match:
    """A match the viewer takes part in: as the expert, or as a member of the institution."""
    from django.db.models import Q

    return (
        Match.objects.select_related("expert", "project__institution")
        .filter(Q(expert__user=user) | Q(project__institution__memberships__user=user))
        .distinct()
        .get(pk=pk)
    )
