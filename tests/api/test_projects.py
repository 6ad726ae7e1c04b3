"""Published projects: the public list (search, filters, ordering, cursor) and detail (ETag)."""

import datetime

import pytest
from django.utils import timezone

from projects.models import Project, ProjectSkill
from tests.api.conftest import iso
from tests.factories.profiles import InstitutionFactory, skill, state
from tests.factories.projects import ProjectFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def expected_project(project: Project) -> dict:
    project = Project.objects.get(pk=project.pk)
    return {
        "id": project.pk,
        "title": project.title,
        "summary": "Buscamos a una persona experta que acompañe a nuestro equipo.",
        "description": "Contexto del proyecto, lo que esperamos y lo que ofrecemos a cambio.",
        "institution": {
            "id": project.institution_id,
            "slug": project.institution.slug,
            "name": project.institution.name,
        },
        "fields_of_science": [
            {
                "code": "5.2",
                "name_es": "Economía y negocios",
                "name_en": "Economics and business",
            }
        ],
        "required_skills": [
            {"slug": "supply-chain", "name_es": "Cadena de suministro", "name_en": "Supply chain"}
        ],
        "nice_to_have_skills": [],
        "collaboration_type": "consulting",
        "modality": "remote",
        "state": {"code": "16", "name": "Michoacán"},
        "municipality": "Morelia",
        "languages": ["es"],
        "hours_per_month": 10,
        "duration_months": 3,
        "start_date": project.start_date.isoformat(),
        "deadline": project.deadline.isoformat(),
        "compensation": ["pro_bono"],
        "experts_sought": 3,
        "visibility": "public",
        "status": project.status,
        "published_at": iso(project.published_at),
        "updated_at": iso(project.updated_at),
        "web_url": f"https://puentes.example.org/proyectos/{project.pk}/",
    }


def test_the_list_shows_published_projects_whole(api, institution):
    project = PublishedProjectFactory(institution=institution, title="Logística del aguacate")
    ProjectFactory(institution=institution)  # a draft
    ProjectFactory(institution=institution, status="submitted")

    response = api.get("/api/v1/projects/")

    assert response.status_code == 200
    assert response.json() == {
        "next": None,
        "previous": None,
        "results": [expected_project(project)],
    }


def test_detail_shows_a_project_past_moderation(api):
    closed = PublishedProjectFactory(status="closed")

    response = api.get(f"/api/v1/projects/{closed.pk}/")

    assert response.status_code == 200
    assert response.json() == expected_project(closed)


def test_drafts_and_submitted_projects_of_anyone_are_not_found_here(api, institution):
    for status in ("draft", "submitted", "rejected", "cancelled"):
        project = ProjectFactory(institution=institution, status=status, rejection_reason="x")
        assert api.get(f"/api/v1/projects/{project.pk}/").status_code == 404, status


def test_members_only_projects_are_for_keys_of_verified_institutions(api, partner_api):
    members_only = PublishedProjectFactory(visibility="members")

    assert api.get(f"/api/v1/projects/{members_only.pk}/").status_code == 200
    assert partner_api.get(f"/api/v1/projects/{members_only.pk}/").status_code == 404
    assert partner_api.get("/api/v1/projects/").json()["results"] == []


def test_required_and_nice_to_have_skills_are_separate(api):
    project = PublishedProjectFactory(skill_slugs=["agronomy"])
    ProjectSkill.objects.create(project=project, skill=skill("supply-chain"), required=False)

    data = api.get(f"/api/v1/projects/{project.pk}/").json()

    assert [s["slug"] for s in data["required_skills"]] == ["agronomy"]
    assert [s["slug"] for s in data["nice_to_have_skills"]] == ["supply-chain"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "aguacate"}, ["avocado"]),
        ({"q": "AGUACATÉ"}, ["avocado"]),
        ({"field": "4"}, ["avocado"]),
        ({"skill": "agronomy"}, ["avocado"]),
        ({"state": "14"}, ["factory"]),
        ({"collaboration_type": "mentoring"}, ["factory"]),
        ({"modality": "on_site"}, ["factory"]),
        ({"language": "en"}, ["factory"]),
    ],
)
def test_the_list_searches_and_filters(api, params, expected):
    avocado = PublishedProjectFactory(
        title="Cadena de frío del aguacate", skill_slugs=["agronomy"], field_codes=["4.1"]
    )
    factory = PublishedProjectFactory(
        title="Automatización de planta",
        state=state("14"),
        collaboration_type="mentoring",
        modality="on_site",
        languages=["es", "en"],
    )
    names = {avocado.pk: "avocado", factory.pk: "factory"}

    response = api.get("/api/v1/projects/", params)

    assert response.status_code == 200
    assert [names[row["id"]] for row in response.json()["results"]] == expected


def test_the_list_filters_by_institution_and_publication_date(api, institution):
    now = timezone.now()
    old = PublishedProjectFactory(published_at=now - datetime.timedelta(days=10))
    mine = PublishedProjectFactory(institution=institution, published_at=now)

    by_institution = api.get("/api/v1/projects/", {"institution": institution.pk})
    recent = api.get(
        "/api/v1/projects/",
        {"published_after": (now - datetime.timedelta(days=1)).isoformat()},
    )

    assert [row["id"] for row in by_institution.json()["results"]] == [mine.pk]
    assert [row["id"] for row in recent.json()["results"]] == [mine.pk]
    assert old.pk not in [row["id"] for row in recent.json()["results"]]


def test_the_list_orders_newest_first_unless_asked_and_pages_by_cursor(api):
    now = timezone.now()
    projects = [
        PublishedProjectFactory(published_at=now - datetime.timedelta(hours=h)) for h in range(3)
    ]

    newest_first = api.get("/api/v1/projects/", {"page_size": 2})
    oldest_first = api.get("/api/v1/projects/", {"ordering": "published_at"})
    rest = api.get(newest_first.json()["next"])

    assert [r["id"] for r in newest_first.json()["results"]] == [p.pk for p in projects[:2]]
    assert [r["id"] for r in rest.json()["results"]] == [projects[2].pk]
    assert [r["id"] for r in oldest_first.json()["results"]] == [p.pk for p in projects[::-1]]


def test_an_invalid_cursor_is_a_404_in_the_error_shape(api):
    response = api.get("/api/v1/projects/", {"cursor": "not-a-cursor"})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_detail_answers_304_while_unchanged_and_200_after_a_change(api):
    project = PublishedProjectFactory()

    first = api.get(f"/api/v1/projects/{project.pk}/")
    unchanged = api.get(f"/api/v1/projects/{project.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    weak = api.get(f"/api/v1/projects/{project.pk}/", HTTP_IF_NONE_MATCH=f"W/{first['ETag']}")
    Project.objects.filter(pk=project.pk).update(title="Nuevo título")
    changed = api.get(f"/api/v1/projects/{project.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert unchanged.status_code == 304
    assert weak.status_code == 304
    assert changed.status_code == 200
    assert changed.json()["title"] == "Nuevo título"


def test_the_list_costs_the_same_queries_with_more_rows(api, django_assert_max_num_queries):
    institution = InstitutionFactory()
    for _ in range(2):
        PublishedProjectFactory(institution=institution, skill_slugs=["agronomy", "supply-chain"])
    api.get("/api/v1/me/")  # the first request of a key stamps last_used_at
    with django_assert_max_num_queries(4):
        small = api.get("/api/v1/projects/")
    for _ in range(25):
        PublishedProjectFactory(
            skill_slugs=["agronomy", "supply-chain"], field_codes=["4.1", "5.2"]
        )
    with django_assert_max_num_queries(4):
        large = api.get("/api/v1/projects/", {"page_size": 27})

    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 27
