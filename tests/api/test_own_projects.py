"""My institution's projects: read in any status, create, edit and submit through the services."""

import datetime

import pytest
from django.utils import timezone

from projects import events
from projects.models import Project, ProjectTransition
from tests.api.conftest import client_with, iso
from tests.factories.profiles import InstitutionFactory, MembershipFactory
from tests.factories.projects import ProjectFactory

pytestmark = pytest.mark.django_db


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def project_input(**overrides):
    return {
        "title": "Co-dirección de tesis sobre cadenas de frío",
        "summary": "Buscamos quien co-dirija una tesis de maestría.",
        "description": "El posgrado en agronegocios busca una persona experta.",
        "fields_of_science": ["4.1"],
        "required_skills": ["agronomy"],
        "nice_to_have_skills": ["supply-chain"],
        "collaboration_type": "thesis_cosupervision",
        "modality": "remote",
        "state": "16",
        "municipality": "Uruapan",
        "languages": ["es", "en"],
        "hours_per_month": 8,
        "duration_months": 12,
        "deadline": in_days(20),
        "start_date": in_days(40),
        "compensation": ["pro_bono", "travel_covered"],
        "experts_sought": 2,
        "visibility": "members",
        **overrides,
    }


def own_payload(project: Project) -> dict:
    project = Project.objects.get(pk=project.pk)
    required = [link.skill for link in project.skill_links.all() if link.required]
    nice = [link.skill for link in project.skill_links.all() if not link.required]
    return {
        "id": project.pk,
        "title": project.title,
        "summary": project.summary,
        "description": project.description,
        "institution": {
            "id": project.institution_id,
            "slug": project.institution.slug,
            "name": project.institution.name,
        },
        "fields_of_science": [
            {"code": f.code, "name_es": f.name_es, "name_en": f.name_en}
            for f in project.fields.order_by("code")
        ],
        "required_skills": [
            {"slug": s.slug, "name_es": s.name_es, "name_en": s.name_en}
            for s in sorted(required, key=lambda s: s.slug)
        ],
        "nice_to_have_skills": [
            {"slug": s.slug, "name_es": s.name_es, "name_en": s.name_en}
            for s in sorted(nice, key=lambda s: s.slug)
        ],
        "collaboration_type": project.collaboration_type,
        "modality": project.modality,
        "state": {"code": project.state.code, "name": project.state.name},
        "municipality": project.municipality,
        "languages": project.languages,
        "hours_per_month": project.hours_per_month,
        "duration_months": project.duration_months,
        "start_date": project.start_date.isoformat() if project.start_date else None,
        "deadline": project.deadline.isoformat() if project.deadline else None,
        "compensation": project.compensation,
        "experts_sought": project.experts_sought,
        "visibility": project.visibility,
        "status": project.status,
        "published_at": iso(project.published_at),
        "updated_at": iso(project.updated_at),
        "web_url": f"https://puentes.example.org/proyectos/{project.pk}/",
        "rejection_reason": project.rejection_reason,
        "submitted_at": iso(project.submitted_at),
        "created_at": iso(project.created_at),
    }


def test_my_projects_lists_every_status_of_my_institution_only(api, institution):
    draft = ProjectFactory(institution=institution)
    rejected = ProjectFactory(institution=institution, status="rejected", rejection_reason="Falta")
    ProjectFactory()  # another institution's draft

    response = api.get("/api/v1/institution/projects/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [own_payload(rejected), own_payload(draft)],
    }


def test_a_key_of_another_institution_cannot_read_my_drafts(stranger_api, institution):
    draft = ProjectFactory(institution=institution)

    assert stranger_api.get(f"/api/v1/institution/projects/{draft.pk}/").status_code == 404
    assert stranger_api.get("/api/v1/institution/projects/").json()["results"] == []
    assert stranger_api.get(f"/api/v1/projects/{draft.pk}/").status_code == 404


def test_my_projects_filter_by_status(api, institution):
    draft = ProjectFactory(institution=institution)
    ProjectFactory(institution=institution, status="submitted")

    response = api.get("/api/v1/institution/projects/", {"status": "draft"})

    assert [row["id"] for row in response.json()["results"]] == [draft.pk]


def test_creating_a_project_makes_a_draft_through_the_service(api, institution, institution_admin):
    response = api.post("/api/v1/institution/projects/", project_input(), format="json")

    assert response.status_code == 201
    project = Project.objects.get()
    assert response.json() == own_payload(project)
    assert project.institution == institution
    assert project.created_by == institution_admin
    assert project.status == "draft"
    assert response.json()["required_skills"][0]["slug"] == "agronomy"
    assert response.json()["nice_to_have_skills"][0]["slug"] == "supply-chain"


def test_creating_with_bad_input_lists_every_field_error(api):
    response = api.post(
        "/api/v1/institution/projects/",
        project_input(
            title="",
            fields_of_science=["99.9"],
            languages=["zz"],
            hours_per_month=500,
            deadline=in_days(-3),
        ),
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Revisa los datos enviados: hay campos con errores.",
            "fields": {
                "title": ["Este campo no puede estar en blanco."],
                "fields_of_science": ["Objeto con code=99.9 no existe."],
                "languages.0": ["«zz» no es una opción válida."],
                "hours_per_month": ["Asegúrate de que este valor sea menor o igual a 200."],
                "deadline": ["La fecha límite no puede estar en el pasado."],
            },
        }
    }
    assert not Project.objects.exists()


def test_cross_field_rules_come_back_per_field(api):
    response = api.post(
        "/api/v1/institution/projects/",
        project_input(
            compensation=["pro_bono", "honorarium"],
            nice_to_have_skills=["agronomy"],
        ),
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "nice_to_have_skills": ["Una habilidad no puede ser indispensable y deseable a la vez."],
        "compensation": ["Un proyecto pro bono no puede ofrecer honorarios a la vez."],
    }


def test_a_missing_body_names_every_required_field(api):
    response = api.post("/api/v1/institution/projects/", {}, format="json")

    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == [
        "collaboration_type",
        "compensation",
        "description",
        "duration_months",
        "fields_of_science",
        "hours_per_month",
        "languages",
        "modality",
        "required_skills",
        "state",
        "summary",
        "title",
    ]


def test_patch_changes_only_what_is_sent(api, institution, institution_admin):
    project = ProjectFactory(institution=institution, title="Antes", created_by=institution_admin)

    response = api.patch(
        f"/api/v1/institution/projects/{project.pk}/",
        {"title": "Después", "required_skills": ["agronomy"]},
        format="json",
    )

    assert response.status_code == 200
    project.refresh_from_db()
    assert response.json() == own_payload(project)
    assert project.title == "Después"
    assert [s.slug for s in project.required_skills] == ["agronomy"]
    assert [f.code for f in project.fields.all()] == ["5.2"]
    assert project.summary == "Buscamos a una persona experta que acompañe a nuestro equipo."


def test_patch_cannot_make_a_skill_both_required_and_nice_to_have(
    api, institution, institution_admin
):
    project = ProjectFactory(institution=institution, created_by=institution_admin)

    response = api.patch(
        f"/api/v1/institution/projects/{project.pk}/",
        {"nice_to_have_skills": ["supply-chain"]},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["nice_to_have_skills"]


def test_a_submitted_project_cannot_be_edited(api, institution):
    project = ProjectFactory(institution=institution, status="submitted")

    response = api.patch(
        f"/api/v1/institution/projects/{project.pk}/", {"title": "Otro"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "not_editable",
            "message": "Solo se puede editar un proyecto en borrador o rechazado.",
            "fields": {},
        }
    }


def test_another_institution_cannot_edit_or_submit_my_project(stranger_api, institution):
    project = ProjectFactory(institution=institution, title="Mío")

    edit = stranger_api.patch(
        f"/api/v1/institution/projects/{project.pk}/", {"title": "Suyo"}, format="json"
    )
    submit = stranger_api.post(f"/api/v1/institution/projects/{project.pk}/submit/")

    assert edit.status_code == 404
    assert submit.status_code == 404
    project.refresh_from_db()
    assert (project.title, project.status) == ("Mío", "draft")


def test_submitting_sends_the_draft_to_moderation(api, institution, institution_admin):
    project = ProjectFactory(institution=institution)
    sent = []
    events.project_submitted.connect(lambda **kw: sent.append(kw), weak=False, dispatch_uid="t")
    try:
        response = api.post(
            f"/api/v1/institution/projects/{project.pk}/submit/",
            {"note": "Listo para revisión."},
            format="json",
        )
    finally:
        events.project_submitted.disconnect(dispatch_uid="t")

    assert response.status_code == 200
    project.refresh_from_db()
    assert response.json() == own_payload(project)
    assert project.status == "submitted"
    transition = ProjectTransition.objects.get(project=project)
    assert (transition.to_status, transition.by, transition.note) == (
        "submitted",
        institution_admin,
        "Listo para revisión.",
    )
    assert sent[0]["project_id"] == project.pk


def test_an_unverified_institution_cannot_submit(make_key):
    pending = InstitutionFactory(verification_status="pending", verified_at=None)
    admin = MembershipFactory(institution=pending, role="admin").user
    _key, plaintext = make_key(institution_=pending, by=admin)
    project = ProjectFactory(institution=pending)

    response = client_with(plaintext).post(f"/api/v1/institution/projects/{project.pk}/submit/")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "institution_not_verified"
    project.refresh_from_db()
    assert project.status == "draft"


def test_an_incomplete_project_is_not_submitted(api, institution):
    project = ProjectFactory(institution=institution, skill_slugs=[], field_codes=[])

    response = api.post(f"/api/v1/institution/projects/{project.pk}/submit/")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "incomplete"
    assert "habilidad indispensable" in response.json()["error"]["message"]


def test_my_projects_list_costs_the_same_queries_with_more_rows(
    api, institution, django_assert_max_num_queries
):
    ProjectFactory(institution=institution)
    api.get("/api/v1/me/")
    with django_assert_max_num_queries(5):
        small = api.get("/api/v1/institution/projects/")
    for _ in range(25):
        ProjectFactory(institution=institution, skill_slugs=["agronomy", "supply-chain"])
    with django_assert_max_num_queries(5):
        large = api.get("/api/v1/institution/projects/", {"page_size": 26})

    assert small.json()["count"] == 1
    assert len(large.json()["results"]) == 26
