"""Matching jobs through the real Redis broker and a real Celery worker process."""

import pytest

from matching import services
from matching.models import Match, MatchRun
from matching.receivers import schedule_expert_refresh
from matching.tasks import full_pass_task
from notifications.models import Kind, Notification
from profiles.events import profile_changed
from profiles.models import ExpertProfile
from projects.services import project_publish
from tests.conftest import wait_for
from tests.factories.profiles import ExpertProfileFactory, UserFactory
from tests.factories.projects import ProjectFactory

pytestmark = pytest.mark.celery


def _expert(bio: str, skills: list[str]) -> ExpertProfile:
    return ExpertProfileFactory(bio=bio, collaboration_types=["consulting"], skill_slugs=skills)


def test_publishing_a_project_has_a_worker_store_its_matches(celery_worker, settings):
    fit = _expert("Logística de exportación de aguacate michoacano.", ["supply-chain"])
    other = _expert("Historia del arte virreinal en Zacatecas.", ["history"])
    for profile in (fit, other):
        profile_changed.send(sender=ExpertProfile, profile_id=profile.pk)
    settings.MATCHING_EXPERT_REFRESH_DELAY = 0
    for profile in (fit, other):
        schedule_expert_refresh(profile.pk)
    wait_for(lambda: ExpertProfile.objects.filter(match_index__isnull=False).count() == 2, 60)
    project = ProjectFactory(
        status="submitted", title="Cadena de suministro de aguacate para exportación"
    )

    project_publish(project=project, by=UserFactory(is_staff=True))

    run = MatchRun.objects.get(scope="project", object_id=project.pk)
    wait_for(lambda: MatchRun.objects.get(pk=run.pk).is_finished, 60)
    ranked = list(
        Match.objects.filter(project=project)
        .order_by("-rank_score")
        .values_list("expert_id", flat=True)
    )
    assert ranked[0] == fit.pk
    assert MatchRun.objects.get(pk=run.pk).status == "done"


def test_editing_a_profile_has_the_worker_update_that_experts_matches(celery_worker, settings):
    settings.MATCHING_EXPERT_REFRESH_DELAY = 0
    expert = _expert("Historia del arte virreinal.", ["history"])
    services.expert_index_refresh(profile_id=expert.pk)
    project = ProjectFactory(
        status="published", title="Cadena de suministro de aguacate para exportación"
    )
    services.project_matches_recompute(project_id=project.pk)
    before = Match.objects.get(project=project, expert=expert).score

    ExpertProfile.objects.filter(pk=expert.pk).update(
        bio="Diez años optimizando la cadena de suministro del aguacate de exportación."
    )
    schedule_expert_refresh(expert.pk)

    wait_for(lambda: Match.objects.get(project=project, expert=expert).score > before, 60)
    after = Match.objects.get(project=project, expert=expert)
    # Running the job again changes nothing.
    services.expert_matches_recompute(profile_id=expert.pk)
    assert Match.objects.get(pk=after.pk).computed_at == after.computed_at


def _full_pass_through_the_worker() -> None:
    run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
    full_pass_task.delay(run.pk)
    wait_for(lambda: MatchRun.objects.get(pk=run.pk).is_finished, 240)
    assert MatchRun.objects.get(pk=run.pk).status == "done"


def test_two_full_passes_through_the_worker_leave_the_same_matches_and_no_new_notice(
    celery_worker, institution, liaison
):
    # More strong experts than a visible list holds, on more projects than the per-expert cap
    # (defaults: 10 and 10), so the spread rule decides who shows where.
    for i in range(12):
        _expert(f"Logística de exportación de aguacate {i}.", ["supply-chain"])
        _expert(f"Historia del arte virreinal {i}.", ["history"])
        ProjectFactory(
            status="published",
            institution=institution,
            title=f"Cadena de suministro de aguacate para exportación {i}",
        )
    _full_pass_through_the_worker()
    first = set(
        Match.objects.values_list("project_id", "expert_id", "state", "score", "rank_score")
    )
    notices = Notification.objects.filter(kind=Kind.SUGGESTED_EXPERTS).count()

    _full_pass_through_the_worker()

    assert first
    assert notices
    assert (
        set(Match.objects.values_list("project_id", "expert_id", "state", "score", "rank_score"))
        == first
    )
    assert Notification.objects.filter(kind=Kind.SUGGESTED_EXPERTS).count() == notices
