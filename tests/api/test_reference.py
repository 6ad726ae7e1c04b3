"""Reference data and verified institutions: any valid key reads them."""

import pytest
from django.utils import translation

from profiles.choices import CollaborationType
from tests.api.conftest import iso
from tests.factories.profiles import InstitutionFactory, state

pytestmark = pytest.mark.django_db


def test_states_lists_every_state_with_its_region_flag(api, settings):
    settings.PUENTES_REGION_STATES = ["16"]

    response = api.get("/api/v1/states/")

    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 32
    michoacan = next(row for row in rows if row["code"] == "16")
    assert michoacan == {
        "code": "16",
        "name": "Michoacán",
        "abbreviation": "MICH",
        "timezone": "America/Mexico_City",
        "in_region": True,
    }
    assert next(row for row in rows if row["code"] == "14")["in_region"] is False


def test_fields_lists_major_fields_and_subfields(api):
    response = api.get("/api/v1/fields/")

    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 48
    by_code = {row["code"]: row for row in rows}
    assert by_code["4.1"] == {
        "code": "4.1",
        "name_es": "Agricultura, silvicultura y pesca",
        "name_en": "Agriculture, forestry, and fisheries",
        "parent": "4",
    }
    assert by_code["4"]["parent"] is None


def test_collaboration_types_carry_both_languages(api):
    response = api.get("/api/v1/collaboration-types/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    with translation.override("en"):
        english = str(CollaborationType.MENTORING.label)  # from the English catalogue
    assert response.json()[0] == {
        "code": "mentoring",
        "label_es": "Mentoría",
        "label_en": english,
    }
    assert [row["code"] for row in response.json()] == [
        "mentoring",
        "consulting",
        "joint_research",
        "thesis_cosupervision",
        "lectures",
        "training",
        "business_introductions",
        "investment",
        "technology_transfer",
    ]


def test_skills_are_searchable_by_name_or_synonym(api):
    by_synonym = api.get("/api/v1/skills/", {"q": "ciencias agricolas"})
    by_name = api.get("/api/v1/skills/", {"q": "agronom"})

    assert by_synonym.status_code == 200
    assert by_synonym.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "slug": "agronomy",
                "name_es": "Agronomía",
                "name_en": "Agronomy",
                "synonyms": [
                    "ingeniería agronómica",
                    "ciencias agrícolas",
                    "agricultural sciences",
                    "agricultura",
                    "agriculture",
                ],
                "parent": None,
                "field": "4.1",
            }
        ],
    }
    assert [row["slug"] for row in by_name.json()["results"]] == ["agronomy"]


def test_skill_detail_by_slug_shows_its_parent(api):
    response = api.get("/api/v1/skills/agroecology/")

    assert response.status_code == 200
    assert response.json()["parent"] == "agronomy"
    assert response.json()["slug"] == "agroecology"


def test_skills_filter_by_field_includes_subfields(api):
    response = api.get("/api/v1/skills/", {"field": "4", "page_size": 100})

    assert response.status_code == 200
    slugs = [row["slug"] for row in response.json()["results"]]
    assert "agronomy" in slugs
    assert "supply-chain" not in slugs


def test_an_unknown_filter_value_is_a_400_naming_the_field(api):
    response = api.get("/api/v1/skills/", {"field": "99.9"})

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Revisa los datos enviados: hay campos con errores.",
            "fields": {"field": ["Elige una opción válida: esa no está entre las opciones."]},
        }
    }


def test_institutions_lists_only_verified_ones(api, institution):
    InstitutionFactory(name="Pendiente", slug="pendiente", verification_status="pending")
    InstitutionFactory(
        name="Rechazada", slug="rechazada", verification_status="rejected", rejection_reason="x"
    )

    response = api.get("/api/v1/institutions/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": institution.pk,
                "slug": institution.slug,
                "name": institution.name,
                "kind": "university",
                "state": {"code": institution.state.code, "name": institution.state.name},
                "municipality": institution.municipality,
                "website": "https://www.example.edu.mx",
                "description": "",
                "logo_url": None,
                "verified_at": iso(institution.verified_at),
                "web_url": f"https://puentes.example.org/instituciones/{institution.slug}/",
            }
        ],
    }


def test_an_unverified_institution_is_not_found(api):
    pending = InstitutionFactory(verification_status="pending")

    response = api.get(f"/api/v1/institutions/{pending.pk}/")

    assert response.status_code == 404


def test_institutions_filter_by_state_kind_and_name(api, institution):
    InstitutionFactory(name="Cámara de Comercio de Morelia", kind="cluster", state=state("09"))

    assert [
        r["name"] for r in api.get("/api/v1/institutions/", {"state": "09"}).json()["results"]
    ] == ["Cámara de Comercio de Morelia"]
    assert [
        r["name"]
        for r in api.get("/api/v1/institutions/", {"kind": "university"}).json()["results"]
    ] == [institution.name]
    assert [
        r["name"] for r in api.get("/api/v1/institutions/", {"q": "camara"}).json()["results"]
    ] == ["Cámara de Comercio de Morelia"]


def test_institution_detail_has_an_etag_and_answers_304_when_unchanged(api, institution):
    first = api.get(f"/api/v1/institutions/{institution.pk}/")
    again = api.get(f"/api/v1/institutions/{institution.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_institutions_list_costs_the_same_queries_with_more_rows(
    api, django_assert_max_num_queries
):
    for _ in range(3):
        InstitutionFactory()
    with django_assert_max_num_queries(4):
        small = api.get("/api/v1/institutions/")
    for _ in range(20):
        InstitutionFactory()
    with django_assert_max_num_queries(4):
        large = api.get("/api/v1/institutions/", {"page_size": 30})

    assert small.json()["count"] == 4
    assert len(large.json()["results"]) == 24


def test_skills_list_costs_the_same_queries_whatever_the_page_size(
    api, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = api.get("/api/v1/skills/", {"page_size": 100})

    assert len(response.json()["results"]) == 100
