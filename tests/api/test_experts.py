"""Experts: only what visibility allows, never contact data, filters, cursor pages, budgets."""

import pytest

from profiles.models import Education, ExpertProfile, FieldOfScience, PortfolioItem
from profiles.services.experts import profile_reindex
from tests.api.conftest import client_with, iso
from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
    UserFactory,
    state,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa():
    profile = ExpertProfileFactory(
        user=UserFactory(name="Rosa Martínez", email="rosa@example.org"),
        headline="Investigadora en biotecnología agrícola",
        city="Davis",
        timezone="America/Los_Angeles",
        origin_municipality="Uruapan",
        current_position="Profesora asociada",
        employer="UC Davis",
        linkedin_url="https://www.linkedin.com/in/rosa",
        website_url="https://rosa.example.org",
        orcid="0000-0002-1825-0097",
        visibility="public",
        motivations=["give_back"],
        return_intention="maybe",
        skill_slugs=["agronomy"],
        modality_preference="remote",
        willing_to_travel=True,
        sectors_of_interest=["academia"],
    )
    profile.fields.set(FieldOfScience.objects.filter(code="4.1"))
    profile.states_of_interest.set([state("16")])
    Education.objects.create(
        profile=profile,
        degree="doctorate",
        field="Fitomejoramiento",
        institution="UC Davis",
        year=2012,
    )
    PortfolioItem.objects.create(
        profile=profile,
        kind="publication",
        title="Avocado cold chains",
        year=2021,
        url="https://doi.org/10.1000/182",
    )
    return ExpertProfile.objects.get(pk=profile.pk)


def rosa_as_members_see_her(rosa):
    return {
        "id": rosa.pk,
        "name": "Rosa Martínez",
        "headline": "Investigadora en biotecnología agrícola",
        "bio": "Trabajo en biotecnología agrícola y cadenas de suministro de aguacate.",
        "country": "US",
        "city": "Davis",
        "timezone": "America/Los_Angeles",
        "origin_state": {"code": "16", "name": "Michoacán"},
        "origin_municipality": "Uruapan",
        "origin_tie": "born",
        "current_position": "Profesora asociada",
        "employer": "UC Davis",
        "sector": "academia",
        "fields_of_science": [
            {
                "code": "4.1",
                "name_es": "Agricultura, silvicultura y pesca",
                "name_en": "Agriculture, forestry, and fisheries",
            }
        ],
        "skills": [{"slug": "agronomy", "name_es": "Agronomía", "name_en": "Agronomy", "years": 5}],
        "languages": [{"code": "en", "level": "fluent"}, {"code": "es", "level": "native"}],
        "education": [
            {
                "degree": "doctorate",
                "field": "Fitomejoramiento",
                "institution": "UC Davis",
                "year": 2012,
            }
        ],
        "portfolio": [
            {
                "kind": "publication",
                "title": "Avocado cold chains",
                "summary": "",
                "year": 2021,
                "url": "https://doi.org/10.1000/182",
            }
        ],
        "collaboration_types": ["mentoring", "joint_research"],
        "availability": {
            "hours_per_month": 10,
            "max_concurrent_engagements": 2,
            "is_paused": False,
            "modality_preference": "remote",
            "willing_to_travel": True,
            "states_of_interest": ["16"],
            "sectors_of_interest": ["academia"],
        },
        "orcid": "0000-0002-1825-0097",
        "updated_at": iso(rosa.updated_at),
        "web_url": f"https://puentes.example.org/expertos/{rosa.pk}/",
    }


def test_a_verified_institution_sees_the_whole_profile_but_no_contact_data(api, rosa):
    response = api.get(f"/api/v1/experts/{rosa.pk}/")

    assert response.status_code == 200
    assert response.json() == rosa_as_members_see_her(rosa)
    body = response.content.decode()
    for secret in ("rosa@example.org", "linkedin", "rosa.example.org", "give_back", "maybe"):
        assert secret not in body


def test_a_partner_key_sees_what_the_public_sees(partner_api, rosa):
    response = partner_api.get(f"/api/v1/experts/{rosa.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        **rosa_as_members_see_her(rosa),
        "city": None,
        "timezone": None,
        "origin_municipality": None,
        "availability": None,
    }


def test_members_only_profiles_are_for_keys_of_verified_institutions(
    api, partner_api, make_key, staff
):
    members_only = ExpertProfileFactory(visibility="members")
    pending = InstitutionFactory(verification_status="pending", verified_at=None)
    pending_admin = MembershipFactory(institution=pending, role="admin").user
    _key, pending_plaintext = make_key(institution_=pending, by=pending_admin)

    assert api.get(f"/api/v1/experts/{members_only.pk}/").status_code == 200
    assert partner_api.get(f"/api/v1/experts/{members_only.pk}/").status_code == 404
    assert (
        client_with(pending_plaintext).get(f"/api/v1/experts/{members_only.pk}/").status_code == 404
    )


def test_hidden_unfinished_and_deactivated_profiles_are_never_listed(api):
    visible = ExpertProfileFactory(visibility="public")
    hidden = ExpertProfileFactory(visibility="hidden")
    unfinished = ExpertProfileFactory(onboarded_at=None)
    gone = ExpertProfileFactory(user=UserFactory(is_active=False))

    response = api.get("/api/v1/experts/")

    assert [row["id"] for row in response.json()["results"]] == [visible.pk]
    for profile in (hidden, unfinished, gone):
        assert api.get(f"/api/v1/experts/{profile.pk}/").status_code == 404


def test_the_list_is_paginated_by_cursor(api):
    experts = [ExpertProfileFactory() for _ in range(3)]

    first = api.get("/api/v1/experts/", {"page_size": 2})
    second = api.get(first.json()["next"])

    assert first.status_code == 200
    assert set(first.json()) == {"next", "previous", "results"}
    assert [row["id"] for row in first.json()["results"]] == [e.pk for e in experts[:2]]
    assert [row["id"] for row in second.json()["results"]] == [experts[2].pk]
    assert second.json()["next"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"skill": "agronomy"}, ["rosa"]),
        ({"skill": "agronomy-parent-of"}, None),
        ({"field": "4"}, ["rosa"]),
        ({"country": "ca"}, ["luis"]),
        ({"origin_state": "14"}, ["luis"]),
        ({"language": "fr"}, ["luis"]),
        ({"collaboration_type": "consulting"}, ["luis"]),
        ({"sector": "private"}, ["luis"]),
        ({"q": "aguacate"}, ["rosa"]),
        ({"q": "Martinez"}, ["rosa"]),
    ],
)
def test_experts_filter_by_skill_field_country_origin_language_and_type(
    api, rosa, params, expected
):
    luis = ExpertProfileFactory(
        user=UserFactory(name="Luis Ortega"),
        bio="Consultor de manufactura.",
        headline="Ingeniero industrial",
        country="CA",
        origin_state=state("14"),
        sector="private",
        collaboration_types=["consulting"],
        languages={"es": "native", "fr": "working"},
    )
    names = {rosa.pk: "rosa", luis.pk: "luis"}
    for profile in (rosa, luis):
        profile_reindex(profile=profile)

    response = api.get("/api/v1/experts/", params)

    if expected is None:
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == list(params)
    else:
        assert response.status_code == 200
        assert [names[row["id"]] for row in response.json()["results"]] == expected


def test_a_skill_filter_includes_its_child_skills(api):
    child = ExpertProfileFactory(skill_slugs=["agroecology"])
    ExpertProfileFactory(skill_slugs=["supply-chain"])

    response = api.get("/api/v1/experts/", {"skill": "agronomy"})

    assert [row["id"] for row in response.json()["results"]] == [child.pk]


def test_the_expert_list_costs_the_same_queries_with_more_rows(api, django_assert_max_num_queries):
    def add(n: int) -> None:
        for _ in range(n):
            profile = ExpertProfileFactory(skill_slugs=["agronomy", "supply-chain"])
            profile.fields.set(FieldOfScience.objects.filter(code__in=["4.1", "5.2"]))
            profile.states_of_interest.set([state("16"), state("14")])
            Education.objects.create(
                profile=profile, degree="master", field="x", institution="y", year=2010
            )

    add(2)
    api.get("/api/v1/me/")  # the first request of a key stamps last_used_at
    with django_assert_max_num_queries(9):
        small = api.get("/api/v1/experts/")
    add(25)
    with django_assert_max_num_queries(9):
        large = api.get("/api/v1/experts/", {"page_size": 27})

    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 27


def test_expert_detail_answers_304_for_a_matching_etag(api, rosa):
    first = api.get(f"/api/v1/experts/{rosa.pk}/")
    unchanged = api.get(f"/api/v1/experts/{rosa.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    ExpertProfile.objects.filter(pk=rosa.pk).update(headline="Otra cosa")
    changed = api.get(f"/api/v1/experts/{rosa.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304
    assert changed.status_code == 200
    assert changed.json()["headline"] == "Otra cosa"
    assert changed["ETag"] != first["ETag"]
