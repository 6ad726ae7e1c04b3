"""Hostile input to the API answers 4xx in the API's error shape, never a 500 (issue 18).

One test per cause the fuzzing found: duplicate skills, lone surrogates, NUL in a key,
deeply nested JSON and oversized bodies.
"""

import base64
import json
from urllib.parse import urlencode

import pytest

from profiles.models import Skill, State
from projects.models import Project, ProjectSkill
from projects.services import project_create
from tests.api.conftest import client_with, error
from tests.api.test_own_projects import project_input
from tests.factories.projects import ProjectFactory

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/institution/projects/"


def post_raw(api, body: str | bytes, path: str = PROJECTS):
    return api.generic("POST", path, body, content_type="application/json")


# --- 1. The same skill twice --------------------------------------------------------------------


@pytest.mark.parametrize("field", ["required_skills", "nice_to_have_skills"])
def test_creating_with_the_same_skill_twice_is_a_field_error(api, field):
    slug = "agronomy" if field == "required_skills" else "supply-chain"

    response = api.post(PROJECTS, project_input(**{field: [slug, slug]}), format="json")

    assert response.status_code == 400
    assert response.json() == error(
        "invalid",
        "Revisa los datos enviados: hay campos con errores.",
        {field: [f"Indicaste la habilidad «{slug}» más de una vez."]},
    )
    assert not Project.objects.exists()


def test_patching_with_the_same_skill_twice_is_a_field_error(api, institution, institution_admin):
    project = ProjectFactory(institution=institution, created_by=institution_admin)

    response = api.patch(
        f"{PROJECTS}{project.pk}/",
        {"required_skills": ["agronomy", "supply-chain", "agronomy"]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "required_skills": ["Indicaste la habilidad «agronomy» más de una vez."]
    }
    assert [s.slug for s in project.required_skills] == ["supply-chain"]


def test_the_project_service_keeps_one_link_per_skill_when_given_duplicates(
    institution, institution_admin
):
    agronomy = Skill.objects.get(slug="agronomy")

    project = project_create(
        institution=institution,
        by=institution_admin,
        title="Co-dirección de tesis",
        summary="Buscamos quien co-dirija una tesis.",
        description="El posgrado busca una persona experta.",
        collaboration_type="thesis_cosupervision",
        modality="remote",
        state=State.objects.get(code="16"),
        languages=["es"],
        hours_per_month=8,
        duration_months=12,
        compensation=["pro_bono"],
        required_skills=[agronomy, agronomy],
        nice_to_have_skills=[],
    )

    links = ProjectSkill.objects.filter(project=project)
    assert list(links.values_list("skill__slug", "required")) == [("agronomy", True)]


# --- 2. A lone surrogate ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"collaboration_type": "\ud800"},
        {"modality": "remote\udfff"},
        {"languages": ["es", "\ud800"]},
        {"compensation": ["\ud800"]},
        {"title": "Título \ud800"},
        {"\ud800": "una clave"},
    ],
    ids=["choice", "choice-suffix", "list-of-choices", "compensation", "text", "key"],
)
def test_a_lone_surrogate_anywhere_in_the_body_is_a_400_in_the_error_shape(api, overrides):
    # json.dumps escapes it as \ud800: valid JSON text, but no valid Unicode string.
    body = json.dumps(project_input(**overrides))

    response = post_raw(api, body)

    assert response.status_code == 400
    assert response.json() == error(
        "parse_error",
        "El cuerpo JSON contiene un carácter Unicode inválido (un sustituto suelto).",
    )
    assert not Project.objects.exists()


def test_a_body_that_is_not_utf8_is_a_400_in_the_error_shape(api):
    body = json.dumps(project_input()).encode().replace(b"Uruapan", b"Uruap\xe1n")

    response = post_raw(api, body)

    assert response.status_code == 400
    assert response.json() == error(
        "parse_error", "El cuerpo de la petición no es texto válido en UTF-8."
    )
    assert not Project.objects.exists()


# --- 3. NUL in a key ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "pnt_ab\x00cdeff_secreto",
        "pnt_\x00\x00\x00\x00\x00\x00\x00\x00_x",
        "pnt_abcdef01_sec\x00reto",
    ],
    ids=["in-prefix", "whole-prefix", "in-secret"],
)
def test_a_nul_byte_in_an_api_key_is_a_401_in_the_error_shape(key):
    response = client_with(key).get("/api/v1/me/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == error("authentication_failed", "La clave de API no es válida.")


def test_a_nul_byte_in_the_api_key_header_is_a_401_too():
    client = client_with(None)

    response = client.get("/api/v1/me/", HTTP_API_KEY="pnt_1234\x00567_secreto")

    assert response.status_code == 401
    assert response.json() == error("authentication_failed", "La clave de API no es válida.")


# --- 4. Deep nesting ----------------------------------------------------------------------------


def nested(value: object, levels: int) -> object:
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        json.dumps(project_input(languages=nested(["es"], 35))),
    ],
    ids=["array-100000", "object-100000", "field-35"],
)
def test_a_deeply_nested_body_is_a_400_in_the_error_shape(api, body):
    response = post_raw(api, body)

    assert response.status_code == 400
    assert response.json() == error(
        "parse_error", "El cuerpo JSON está anidado a más de 32 niveles."
    )
    assert not Project.objects.exists()


# --- 5. Oversized bodies ------------------------------------------------------------------------


def test_a_body_over_the_upload_limit_is_a_413_in_the_error_shape(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps(project_input(description="x" * 20_000))

    response = post_raw(api, body)

    assert response.status_code == 413
    assert response.json() == error(
        "request_too_large", "El cuerpo de la petición pasa del máximo de 10000 bytes."
    )
    assert not Project.objects.exists()


def test_the_schema_documents_the_413_on_every_write(client):
    paths = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]

    writes = [
        operation["responses"]
        for path in paths.values()
        for method, operation in path.items()
        if method in ("post", "put", "patch")
    ]
    assert writes
    assert all("413" in responses for responses in writes)


def test_a_body_just_under_the_upload_limit_is_still_read(api, settings):
    body = json.dumps(project_input())
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(body.encode())

    response = post_raw(api, body)

    assert response.status_code == 201
    assert Project.objects.count() == 1


def test_a_query_string_with_too_many_fields_is_a_400_in_the_error_shape(api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10

    response = api.get("/api/v1/projects/?" + "&".join(f"q{n}=x" for n in range(11)))

    assert response.status_code == 400
    assert response.json() == error("bad_request", "La petición no es válida.")


def test_nan_and_huge_integers_are_a_400_in_the_error_shape(api):
    for body in ('{"hours_per_month": NaN}', '{"hours_per_month": 1' + "0" * 5000 + "}"):
        response = post_raw(api, body)

        assert response.status_code == 400
        assert response.json() == error("parse_error", "El cuerpo no es JSON válido.")
    assert not Project.objects.exists()


# --- 7. NUL and other forged values in query parameters -------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/experts/", "/api/v1/projects/"])
@pytest.mark.parametrize("position", ["abc", "a\x00b", "\x00", "2026-13-45", "1e999"], ids=repr)
@pytest.mark.parametrize("ordering", ["", "updated_at", "-id"])
def test_a_forged_cursor_is_a_404_in_the_error_shape(api, path, position, ordering):
    cursor = base64.b64encode(urlencode({"p": position}).encode()).decode()
    params = {"cursor": cursor, **({"ordering": ordering} if ordering else {})}

    response = api.get(path, params)

    assert response.status_code == 404
    assert response.json() == error("not_found", "Cursor inválido")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/projects/",
        "/api/v1/experts/",
        "/api/v1/institutions/",
        "/api/v1/skills/",
        "/api/v1/institution/projects/",
        "/api/v1/institution/invitations/",
        "/api/v1/institution/engagements/",
        "/api/v1/webhooks/",
    ],
)
def test_a_nul_byte_in_any_filter_is_never_a_500(api, path):
    for name in ["q", "field", "skill", "state", "status", "institution", "language", "kind"]:
        response = api.get(path, {name: "a\x00b"})

        assert response.status_code in (200, 400), (name, response.status_code)
        if response.status_code == 400:
            assert response.json()["error"]["code"] == "invalid"
