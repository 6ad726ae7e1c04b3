"""Suggested experts (matches) for my institution's projects."""

import pytest
from django.utils import timezone

from matching.models import Match
from partners.services import api_key_revoke
from tests.api.conftest import client_with, iso
from tests.factories.profiles import ExpertProfileFactory, UserFactory
from tests.factories.projects import ProjectFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def make_match(project, expert, score: float, **kwargs) -> Match:
    return Match.objects.create(
        project=project,
        expert=expert,
        score=score,
        rank_score=kwargs.pop("rank_score", score),
        components={"skills": 0.8, "fields": 1.0},
        reasons_es=["Tiene 4 de 5 habilidades indispensables", "Es de Michoacán"],
        reasons_en=["Has 4 of 5 required skills", "From Michoacán"],
        missing_es=["Logística"],
        missing_en=["Logistics"],
        algorithm_version="2026.1",
        computed_at=timezone.now(),
        **kwargs,
    )


@pytest.fixture
def project(institution):
    return PublishedProjectFactory(institution=institution)


def test_matches_come_best_first_with_reasons_in_both_languages(api, project):
    rosa = ExpertProfileFactory(user=UserFactory(name="Rosa"), headline="Agrónoma")
    luis = ExpertProfileFactory(user=UserFactory(name="Luis"), headline="Ingeniero")
    second = make_match(project, luis, 61.0)
    first = make_match(project, rosa, 82.5)

    response = api.get(f"/api/v1/institution/projects/{project.pk}/matches/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": match.pk,
                "expert": {"id": expert.pk, "name": name, "headline": headline},
                "score": score,
                "components": {"skills": 0.8, "fields": 1.0},
                "reasons": {
                    "es": ["Tiene 4 de 5 habilidades indispensables", "Es de Michoacán"],
                    "en": ["Has 4 of 5 required skills", "From Michoacán"],
                },
                "missing": {"es": ["Logística"], "en": ["Logistics"]},
                "algorithm_version": "2026.1",
                "computed_at": iso(match.computed_at),
                "state": "new",
            }
            for match, expert, name, headline, score in (
                (first, rosa, "Rosa", "Agrónoma", 82.5),
                (second, luis, "Luis", "Ingeniero", 61.0),
            )
        ],
    }


def test_another_institution_cannot_read_my_matches(stranger_api, project):
    make_match(project, ExpertProfileFactory(), 70.0)

    response = stranger_api.get(f"/api/v1/institution/projects/{project.pk}/matches/")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_matches_leave_out_dismissed_ones_and_people_the_key_may_not_see(api, project):
    visible = ExpertProfileFactory(visibility="members")
    make_match(project, visible, 70.0)
    make_match(project, ExpertProfileFactory(visibility="hidden"), 90.0)
    make_match(project, ExpertProfileFactory(), 80.0, state="dismissed_institution")

    response = api.get(f"/api/v1/institution/projects/{project.pk}/matches/")

    assert [row["expert"]["id"] for row in response.json()["results"]] == [visible.pk]


def test_matches_filter_by_state(api, project):
    invited = make_match(project, ExpertProfileFactory(), 70.0, state="invited")
    make_match(project, ExpertProfileFactory(), 80.0)

    response = api.get(f"/api/v1/institution/projects/{project.pk}/matches/", {"state": "invited"})

    assert [row["id"] for row in response.json()["results"]] == [invited.pk]


def test_matches_of_a_draft_are_readable_by_its_own_institution(api, institution):
    draft = ProjectFactory(institution=institution)

    assert api.get(f"/api/v1/institution/projects/{draft.pk}/matches/").json()["count"] == 0


def test_a_partner_key_gets_403_for_matches(partner_api, project):
    response = partner_api.get(f"/api/v1/institution/projects/{project.pk}/matches/")

    assert response.status_code == 403


def test_matches_list_costs_the_same_queries_with_more_rows(
    api, project, django_assert_max_num_queries
):
    make_match(project, ExpertProfileFactory(), 50.0)
    api.get("/api/v1/me/")
    with django_assert_max_num_queries(4):
        api.get(f"/api/v1/institution/projects/{project.pk}/matches/")
    for n in range(20):
        make_match(project, ExpertProfileFactory(), 10.0 + n)
    with django_assert_max_num_queries(4):
        response = api.get(f"/api/v1/institution/projects/{project.pk}/matches/", {"page_size": 25})

    assert len(response.json()["results"]) == 21


def test_a_revoked_key_cannot_read_matches(owner_key, institution_admin, project):
    make_match(project, ExpertProfileFactory(), 50.0)
    api_key_revoke(api_key=owner_key[0], by=institution_admin)

    response = client_with(owner_key[1]).get(f"/api/v1/institution/projects/{project.pk}/matches/")

    assert response.status_code == 401
