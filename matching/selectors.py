"""Reads for the suggestion pages: scoped to the viewer, bounded queries."""

from django.db.models import Q, QuerySet

from matching.models import Match, MatchRun
from profiles.models import ExpertProfile, User
from projects.models import Invitation, Project


def project_get_for_suggestions(*, user: User, pk: int) -> Project:
    """A project whose suggestions `user` may see: a member of its institution, or staff.
    Raises Project.DoesNotExist otherwise."""
    projects = Project.objects.select_related("institution", "state")
    if not getattr(user, "is_staff", False):
        projects = projects.of_member(user)
    return projects.distinct().get(pk=pk)


def suggestion_list_for_project(*, project: Project, user: User) -> QuerySet[Match]:
    """The project's suggestions, of experts `user` may see right now: a profile hidden,
    paused or of a suspended or deleted account drops out when read, not at the next refresh."""
    return (
        Match.objects.filter(project=project)
        .for_institution_view()
        .filter(expert__in=ExpertProfile.objects.visible_to(user).available())
        .select_related("expert__user", "expert__origin_state")
        .order_by("-rank_score", "expert_id")
    )


def suggestion_list_for_expert(*, user: User) -> QuerySet[Match]:
    """Suggestions of needs still taking people: a staffed or paused project drops out when
    read (its matches stay, and come back if it reopens); so does a need whose invitation the
    expert declined (not offered back to them)."""
    declined = Invitation.objects.filter(expert__user=user, status="declined")
    return (
        Match.objects.filter(
            expert__user=user,
            project__status="published",
            project__staffed_at__isnull=True,
            project__paused_at__isnull=True,
        )
        .exclude(project_id__in=declined.values("project_id"))
        .for_expert_view()
        .select_related("project__institution", "project__state")
        .order_by("-rank_score", "project_id")
    )


def run_get_latest(*, scope: str, object_id: int) -> MatchRun | None:
    """The newest run for an object the caller has already scoped, or None before the first
    run (not an error: the page then shows no progress)."""
    return MatchRun.objects.filter(scope=scope, object_id=object_id).order_by("-created_at").first()


def run_get_for_viewer(*, user: User, pk: int) -> MatchRun:
    """A project run whose project `user` may see (see `project_get_for_suggestions`).
    Raises MatchRun.DoesNotExist or Project.DoesNotExist otherwise."""
    run = MatchRun.objects.get(pk=pk, scope=MatchRun.Scope.PROJECT)
    if run.object_id is None:
        raise MatchRun.DoesNotExist
    project_get_for_suggestions(user=user, pk=run.object_id)
    return run


def match_get_for_viewer(*, user: User, pk: int) -> Match:
    """A match the viewer takes part in: as the expert, or as a member of the institution.
    Raises Match.DoesNotExist otherwise."""
    return (
        Match.objects.select_related("expert", "project__institution")
        .filter(Q(expert__user=user) | Q(project__institution__memberships__user=user))
        .distinct()
        .get(pk=pk)
    )
