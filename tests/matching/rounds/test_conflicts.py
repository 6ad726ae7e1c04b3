"""Conflicts of interest on every path: suggestions (SQL and Python), the expert's direction,
interests and invitations."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from matching import selection, services
from matching.documents import SkillGraph, expert_data, project_data
from matching.models import Match
from matching.scoring import score_pair
from matching.scoring.rules import FILTER_CONFLICT
from profiles.models import ConflictOfInterest
from profiles.services.conflicts import conflict_declare, conflict_withdraw
from projects.services.requests import interest_create, invitation_create
from tests.factories.profiles import ExpertProfileFactory, MembershipFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


def _expert(**kwargs):
    profile = ExpertProfileFactory(
        bio="Cadena de suministro de aguacate.",
        collaboration_types=["consulting"],
        skill_slugs=["supply-chain"],
        **kwargs,
    )
    services.expert_index_refresh(profile_id=profile.pk)
    return profile


def _project(institution):
    return PublishedProjectFactory(
        institution=institution,
        title="Cadena de suministro de aguacate en Michoacán",
        summary="Optimizar la logística de exportación de aguacate.",
    )


def test_a_declared_conflict_keeps_the_expert_out_of_the_institutions_suggestions(institution):
    conflicted, free = _expert(), _expert()
    project = _project(institution)
    services.project_matches_recompute(project_id=project.pk)
    assert set(Match.objects.filter(project=project).values_list("expert_id", flat=True)) == {
        conflicted.pk,
        free.pk,
    }

    conflict_declare(expert=conflicted, institution=institution, by=conflicted.user)
    services.project_matches_recompute(project_id=project.pk)

    assert list(Match.objects.filter(project=project).values_list("expert_id", flat=True)) == [
        free.pk
    ]


def test_a_member_of_the_institution_is_never_suggested_for_its_needs(institution):
    member = _expert()
    MembershipFactory(user=member.user, institution=institution)
    project = _project(institution)

    services.project_matches_recompute(project_id=project.pk)
    services.expert_matches_recompute(profile_id=member.pk)

    assert not Match.objects.filter(expert=member).exists()


def test_the_sql_prerank_twin_filters_conflicts_like_the_python_scorer(institution):
    conflicted, free = _expert(), _expert()
    ConflictOfInterest.objects.create(expert=conflicted, institution=institution)
    project = _project(institution)
    graph = SkillGraph.load()
    pdata = project_data(project, graph=graph)
    query = services.project_embedding_refresh(project=project)

    rows = selection.select_candidates(
        query_vector=query, project=pdata, graph=graph, limit=10, ann_limit=10
    )

    assert [row["profile_id"] for row in rows] == [free.pk]
    assert pdata.conflicted == frozenset({conflicted.pk})


def test_the_scorer_fails_a_conflicted_pair_with_its_own_reason(institution):
    conflicted = _expert()
    ConflictOfInterest.objects.create(expert=conflicted, institution=institution)
    project = _project(institution)
    graph = SkillGraph.load()
    pdata = project_data(project, graph=graph)
    index = conflicted.match_index
    fields = type(index)._meta.concrete_fields  # noqa: SLF001 - _meta is public API
    row = {f.attname: getattr(index, f.attname) for f in fields}
    result = score_pair(expert_data(row, semantic=0.9, graph=graph, state_names={}), pdata)

    assert (result.eligible, result.failed_filter) == (False, FILTER_CONFLICT)


def test_a_conflicted_expert_cannot_show_interest(institution):
    conflicted = _expert()
    conflict_declare(expert=conflicted, institution=institution, by=conflicted.user)

    with pytest.raises(ValidationError) as error:
        interest_create(
            project=_project(institution), expert=conflicted, message="Hola", by=conflicted.user
        )
    assert error.value.code == "conflict"


def test_a_liaison_cannot_invite_an_expert_they_declared_a_conflict_with(institution, liaison):
    conflicted = _expert()
    conflict_declare(expert=conflicted, institution=institution, by=liaison, note="Familiar")

    with pytest.raises(ValidationError) as error:
        invitation_create(
            project=_project(institution), expert=conflicted, message="Hola", by=liaison
        )
    assert error.value.code == "conflict"


def test_a_stranger_cannot_declare_a_conflict_for_someone_else(institution, stranger, expert):
    with pytest.raises(PermissionDenied):
        conflict_declare(expert=expert, institution=institution, by=stranger)


def test_withdrawing_a_conflict_makes_the_expert_suggestable_again(institution, liaison):
    expert = _expert()
    conflict = conflict_declare(expert=expert, institution=institution, by=liaison)
    project = _project(institution)

    conflict_withdraw(conflict=conflict, by=liaison)
    services.project_matches_recompute(project_id=project.pk)

    assert Match.objects.filter(project=project, expert=expert).exists()


def test_an_expert_declares_a_conflict_on_their_page(client, institution, expert):
    client.force_login(expert.user)

    response = client.post(reverse("profiles:conflicts"), {"institution": institution.pk})

    assert response.status_code == 302
    assert ConflictOfInterest.objects.filter(expert=expert, institution=institution).exists()


def test_a_liaison_declares_a_conflict_from_the_suggestions(client, institution, liaison, expert):
    client.force_login(liaison)

    client.post(reverse("profiles:conflicts"), {"institution": institution.pk, "expert": expert.pk})

    conflict = ConflictOfInterest.objects.get()
    assert (conflict.expert, conflict.declared_by) == (expert, liaison)


def test_a_stranger_can_neither_declare_for_nor_withdraw_anothers_conflict(
    client, institution, liaison, stranger, expert
):
    conflict = conflict_declare(expert=expert, institution=institution, by=liaison)
    client.force_login(stranger)

    declare = client.post(
        reverse("profiles:conflicts"), {"institution": institution.pk, "expert": expert.pk}
    )
    withdraw = client.post(reverse("profiles:conflict_delete", args=[conflict.pk]))

    assert (declare.status_code, withdraw.status_code) == (404, 404)
    assert ConflictOfInterest.objects.count() == 1


def test_bad_input_shows_a_form_error(client, expert):
    client.force_login(expert.user)

    response = client.post(reverse("profiles:conflicts"), {"institution": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["institution"]
