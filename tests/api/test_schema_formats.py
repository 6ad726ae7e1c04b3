"""The schema endpoint's formats: json and yaml serve OpenAPI; anything else is an API error
in the API's JSON shape, never a body labelled as OpenAPI."""

import pytest

pytestmark = pytest.mark.django_db

NOT_FOUND = {"error": {"code": "not_found", "message": "No encontrado.", "fields": {}}}


def test_an_unknown_schema_format_is_the_apis_json_404(client):
    response = client.get("/api/v1/schema/", {"format": "xx"})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND
    # The same answer as any other endpoint asked for a format it lacks.
    assert client.get("/api/v1/projects/", {"format": "xx"}).json() == NOT_FOUND


def test_an_accept_header_the_schema_cannot_serve_is_a_json_406(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="text/csv")

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_acceptable"


@pytest.mark.parametrize(
    ("query", "content_type", "start"),
    [
        ({"format": "json"}, "application/vnd.oai.openapi+json", b"{"),
        ({"format": "yaml"}, "application/vnd.oai.openapi; charset=utf-8", b"openapi: 3."),
        ({}, "application/vnd.oai.openapi; charset=utf-8", b"openapi: 3."),
    ],
)
def test_the_valid_schema_formats_still_serve_openapi(client, query, content_type, start):
    response = client.get("/api/v1/schema/", query)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.lstrip().startswith(start)


def test_the_docs_page_still_loads_the_schema(client):
    page = client.get("/api/v1/docs/")
    script = client.get("/api/v1/docs/", {"script": ""}).content.decode()
    # What Swagger UI asks for when it fetches the schema.
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json,*/*")

    assert page.status_code == 200
    assert 'url: "/api/v1/schema/"' in script
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
