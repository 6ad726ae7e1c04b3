"""The engine against the real database: documents, selection, storage, spread, idempotency."""

import pytest

from matching import fullpass, services
from matching.models import ExpertIndex, ExpertPassage, Match, MatchState
from profiles.models import ExpertLanguage, ExpertSkill, PortfolioItem, Skill
from tests.factories.matching import MatchRunFactory
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import InvitationFactory, PublishedProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


def _expert(bio: str, skills=("supply-chain",), types=("consulting",), **kwargs):
    profile = ExpertProfileFactory(
        bio=bio, collaboration_types=list(types), skill_slugs=list(skills), **kwargs
    )
    services.expert_index_refresh(profile_id=profile.pk)
    return profile


def _project(**kwargs):
    kwargs.setdefault("title", "Cadena de suministro de aguacate en Michoacán")
    kwargs.setdefault("summary", "Optimizar la logística de exportación de aguacate.")
    return PublishedProjectFactory(**kwargs)


def test_expert_index_holds_the_filter_columns_and_one_vector_per_passage():
    profile = _expert("Logística agrícola y exportación de aguacate.")
    PortfolioItem.objects.create(profile=profile, kind="publication", title="Avocado logistics")

    index = services.expert_index_refresh(profile_id=profile.pk)

    assert index.is_available is True
    assert index.capacity_left == 2
    assert index.languages == ["en", "es"]
    assert index.collaboration_types == ["consulting"]
    assert index.origin_state == "16"
    assert index.embedding is not None
    assert ExpertPassage.objects.filter(profile=profile).count() == 3  # position, bio, portfolio


def test_paused_or_hidden_experts_are_not_available():
    paused = _expert("x", is_paused=True)
    hidden = _expert("y", visibility="hidden")

    assert not ExpertIndex.objects.get(pk=paused.pk).is_available
    assert not ExpertIndex.objects.get(pk=hidden.pk).is_available


def test_project_recompute_stores_ranked_matches_with_reasons_in_both_languages():
    strong = _expert("Cadena de suministro de aguacate, logística de exportación en Michoacán.")
    weak = _expert("Historia del arte virreinal.", skills=("history",))
    project = _project()

    new_ids = services.project_matches_recompute(project_id=project.pk)

    matches = list(Match.objects.filter(project=project).order_by("-rank_score"))
    assert set(new_ids) == {strong.pk, weak.pk}
    assert matches[0].expert_id == strong.pk
    assert matches[0].score > matches[1].score
    assert matches[0].algorithm_version == "2026.2"
    assert matches[0].reasons_es[0].startswith("Tiene la habilidad requerida")
    assert matches[0].reasons_en[0].startswith("Has the required skill")
    assert set(matches[0].components) >= {"semantic", "skills", "expert_fit", "fused"}


def test_hard_filters_keep_ineligible_experts_out():
    _expert("Aguacate", types=("mentoring",))  # does not offer consulting
    _expert("Aguacate", languages={"fr": "native"})  # no shared language
    project = _project()

    services.project_matches_recompute(project_id=project.pk)

    assert not Match.objects.filter(project=project).exists()


def test_recomputing_twice_changes_nothing():
    _expert("Cadena de suministro de aguacate.")
    _expert("Logística y exportación agrícola.")
    project = _project()
    services.project_matches_recompute(project_id=project.pk)
    before = list(Match.objects.order_by("pk").values())

    again = services.project_matches_recompute(project_id=project.pk)

    assert again == []
    assert list(Match.objects.order_by("pk").values()) == before


def test_people_decisions_survive_recomputation():
    expert = _expert("Cadena de suministro de aguacate.")
    project = _project()
    services.project_matches_recompute(project_id=project.pk)
    services.match_set_state(
        project_id=project.pk,
        expert_id=expert.pk,
        state=MatchState.DISMISSED_BY_EXPERT,
        reason="No tengo tiempo este semestre",
    )

    services.project_matches_recompute(project_id=project.pk)

    match = Match.objects.get(project=project, expert=expert)
    assert match.state == MatchState.DISMISSED_BY_EXPERT
    assert match.dismiss_reason == "No tengo tiempo este semestre"


def test_editing_a_profile_changes_that_experts_matches():
    expert = _expert("Historia del arte.", skills=("history",))
    project = _project()
    services.project_matches_recompute(project_id=project.pk)
    before = Match.objects.get(project=project, expert=expert).score

    expert.bio = "Cadena de suministro de aguacate y logística de exportación."
    expert.save()
    expert.skill_links.all().delete()
    ExpertLanguage.objects.filter(profile=expert).update(level="native")
    ExpertSkill.objects.create(profile=expert, skill=Skill.objects.get(slug="supply-chain"))
    services.expert_matches_recompute(profile_id=expert.pk)

    assert Match.objects.get(project=project, expert=expert).score > before


def test_closed_projects_lose_their_undecided_suggestions():
    _expert("Aguacate")
    project = _project()
    services.project_matches_recompute(project_id=project.pk)
    project.status = "closed"
    project.save()

    services.project_matches_recompute(project_id=project.pk)

    assert not Match.objects.filter(project=project).exists()


def test_suggestions_spread_over_more_people_than_the_three_strongest(settings):
    settings.MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT = 5
    settings.MATCHING_VISIBLE_TOP = 3
    strong = [
        _expert("Cadena de suministro de aguacate, logística y exportación.", hours_per_month=40)
        for _ in range(3)
    ]
    others = [_expert(f"Logística agrícola general {i}.", skills=()) for i in range(9)]
    projects = [_project(title=f"Cadena de suministro de aguacate {i}") for i in range(20)]

    top3 = set()
    for project in projects:
        services.project_matches_recompute(project_id=project.pk)
        top3 |= set(
            Match.objects.filter(project=project)
            .order_by("-rank_score")
            .values_list("expert_id", flat=True)[:3]
        )

    assert len(top3) > 3
    assert top3 & {p.pk for p in others}
    for expert in strong:
        top_of = sum(
            expert.pk
            in Match.objects.filter(project=p)
            .order_by("-rank_score")
            .values_list("expert_id", flat=True)[:3]
            for p in projects
        )
        assert top_of <= 6


def test_pending_invitations_push_an_expert_down_the_list():
    busy = _expert("Cadena de suministro de aguacate.")
    free = _expert("Cadena de suministro de aguacate.")
    for _ in range(3):
        InvitationFactory(expert=busy)
    services.expert_index_refresh(profile_id=busy.pk)
    project = _project()

    services.project_matches_recompute(project_id=project.pk)

    ranked = list(
        Match.objects.filter(project=project)
        .order_by("-rank_score")
        .values_list("expert_id", flat=True)
    )
    assert ranked.index(free.pk) < ranked.index(busy.pk)


def test_selection_issues_a_bounded_number_of_queries(django_assert_max_num_queries):
    for i in range(30):
        _expert(f"Aguacate y logística {i}")
    project = _project()

    with django_assert_max_num_queries(40):
        services.project_matches_recompute(project_id=project.pk)

    assert Match.objects.filter(project=project).count() == 30


def test_nightly_full_pass_indexes_everyone_and_reports_progress():
    ExpertProfileFactory(
        bio="Aguacate", collaboration_types=["consulting"], skill_slugs=["supply-chain"]
    )  # never indexed before
    projects = [_project(title=f"Aguacate {i}") for i in range(3)]
    run = MatchRunFactory(scope="full")

    done = fullpass.matches_full_pass(run_id=run.pk)

    run.refresh_from_db()
    assert done == 3
    assert (run.status, run.progress, run.total) == ("done", 3, 3)
    assert ExpertIndex.objects.count() == 1
    assert Match.objects.filter(project__in=projects).count() == 3


def test_capacity_events_are_traced_back_to_their_expert():
    invitation = InvitationFactory()

    assert services.expert_id_for(engagement_id=None, invitation_id=invitation.pk) == (
        invitation.expert_id
    )
    assert services.expert_id_for(engagement_id=None, invitation_id=0) is None
    assert services.expert_id_for(engagement_id=None, invitation_id=None) is None


def test_only_new_suggestions_are_marked_seen():
    expert = _expert("Aguacate")
    project = _project()
    services.project_matches_recompute(project_id=project.pk)
    match = Match.objects.get(project=project, expert=expert)
    services.match_set_state(project_id=project.pk, expert_id=expert.pk, state=MatchState.INVITED)

    assert services.matches_mark_seen(match_ids=[match.pk]) == 0
    assert Match.objects.get(pk=match.pk).state == MatchState.INVITED
