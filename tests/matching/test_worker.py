"""Matching jobs through the real Redis broker and a real Celery worker process."""

import pytest

from matching import services
from matching.models import Match, MatchRun
from matching.receivers import schedule_expert_refresh
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
