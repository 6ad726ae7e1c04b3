"""Authentication, scopes, throttling and the error shape of the partner API."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from partners.models import ApiKey, ApiScope
from partners.services import api_key_revoke
from profiles.models import Membership
from tests.api.conftest import client_with, error, iso
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db

NOT_AUTHENTICATED = error(
    "not_authenticated", "Las credenciales de autenticación no se proveyeron."
)


def test_me_describes_the_key_that_asks(api, owner_key, institution):
    key, _plaintext = owner_key

    response = api.get("/api/v1/me/")

    assert response.status_code == 200
    key.refresh_from_db()
    assert response.json() == {
        "prefix": key.prefix,
        "name": "CRM de vinculación",
        "institution": {
            "id": institution.pk,
            "slug": institution.slug,
            "name": institution.name,
        },
        "partner_name": "",
        "scopes": [
            "projects:read",
            "projects:write",
            "experts:read",
            "matches:read",
            "webhooks:manage",
            "chapters:read",
            "enquiries:submit",
        ],
        "sees_members_content": True,
        "expires_at": None,
        "last_used_at": iso(key.last_used_at),
        "created_at": iso(key.created_at),
    }
    assert key.last_used_at is not None


def test_the_key_also_works_in_an_api_key_header(owner_key):
    response = APIClient().get("/api/v1/me/", HTTP_API_KEY=owner_key[1])

    assert response.status_code == 200
    assert response.json()["prefix"] == owner_key[0].prefix


def test_a_request_without_a_key_gets_401_with_a_bearer_challenge():
    response = client_with(None).get("/api/v1/projects/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == NOT_AUTHENTICATED


def test_an_unknown_key_gets_401(owner_key):
    forged = owner_key[1][:-4] + "AAAA"

    response = client_with(forged).get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json() == error("authentication_failed", "La clave de API no es válida.")


def test_a_revoked_key_gets_401(owner_key, institution_admin):
    key, plaintext = owner_key
    api_key_revoke(api_key=key, by=institution_admin)

    response = client_with(plaintext).get("/api/v1/projects/")

    assert response.status_code == 401
    assert response.json() == error("authentication_failed", "Esta clave de API fue revocada.")


def test_an_expired_key_gets_401(make_key):
    _key, plaintext = make_key(expires_at=timezone.now() + datetime.timedelta(days=1))

    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        response = client_with(plaintext).get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json() == error("authentication_failed", "Esta clave de API venció.")


def test_a_key_stops_working_when_its_issuer_is_no_longer_an_admin(
    owner_key, institution, institution_admin
):
    Membership.objects.filter(user=institution_admin, institution=institution).update(
        role="liaison"
    )

    response = client_with(owner_key[1]).get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert "Quien emitió esta clave ya no puede hacerlo" in response.json()["error"]["message"]


def test_a_partner_key_stops_working_when_its_issuer_leaves_the_staff(make_key, staff):
    _key, plaintext = make_key(partner_name="Registro nacional")
    staff.is_staff = False
    staff.save()

    assert client_with(plaintext).get("/api/v1/me/").status_code == 401


def test_a_key_without_the_scope_gets_403_naming_it(make_key):
    _key, plaintext = make_key([ApiScope.PROJECTS_READ])

    response = client_with(plaintext).get("/api/v1/experts/")

    assert response.status_code == 403
    assert response.json() == error(
        "insufficient_scope", "Esta clave no tiene el permiso «experts:read»."
    )


@pytest.mark.parametrize(
    ("scope", "path", "method"),
    [
        (ApiScope.PROJECTS_READ, "/api/v1/projects/", "get"),
        (ApiScope.PROJECTS_READ, "/api/v1/institution/projects/", "get"),
        (ApiScope.PROJECTS_READ, "/api/v1/institution/invitations/", "get"),
        (ApiScope.PROJECTS_READ, "/api/v1/institution/engagements/", "get"),
        (ApiScope.PROJECTS_WRITE, "/api/v1/institution/projects/", "post"),
        (ApiScope.PROJECTS_WRITE, "/api/v1/institution/invitations/", "post"),
        (ApiScope.EXPERTS_READ, "/api/v1/experts/", "get"),
        (ApiScope.WEBHOOKS_MANAGE, "/api/v1/webhooks/", "get"),
        (ApiScope.WEBHOOKS_MANAGE, "/api/v1/webhooks/", "post"),
    ],
)
def test_each_endpoint_needs_its_scope(make_key, scope, path, method):
    others = [s for s in ApiScope.values if s != scope]
    _key, without = make_key(others, name="sin el permiso")
    _key, with_scope = make_key([scope], name="con el permiso")

    refused = getattr(client_with(without), method)(path, {}, format="json")
    allowed = getattr(client_with(with_scope), method)(path, {}, format="json")

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "insufficient_scope"
    # With the scope the request goes through (an empty body is then a 400, not a 403).
    assert allowed.status_code in (200, 400)


def test_matches_need_the_matches_scope(make_key):
    _key, plaintext = make_key([ApiScope.PROJECTS_READ])

    response = client_with(plaintext).get("/api/v1/institution/projects/1/matches/")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"


def test_reference_data_and_institutions_need_only_a_valid_key(make_key):
    _key, plaintext = make_key([ApiScope.WEBHOOKS_MANAGE])
    client = client_with(plaintext)

    for path in (
        "/api/v1/states/",
        "/api/v1/fields/",
        "/api/v1/skills/",
        "/api/v1/collaboration-types/",
        "/api/v1/institutions/",
    ):
        assert client.get(path).status_code == 200, path


def test_a_partner_key_cannot_use_the_institution_endpoints(partner_api):
    response = partner_api.get("/api/v1/institution/projects/")

    assert response.status_code == 403
    assert response.json() == error(
        "institution_key_required", "Esta operación es para claves de una institución."
    )


def test_a_signed_in_person_without_a_key_is_told_to_use_one(client):
    client.force_login(UserFactory())

    response = client.get("/api/v1/projects/")

    assert response.status_code == 403
    assert response.json() == error(
        "api_key_required",
        "Esta API se usa con una clave de API: «Authorization: Bearer <clave>».",
    )


def test_going_over_the_rate_gets_429_with_retry_after(api, settings):
    settings.PARTNERS_API_RATE = "3/minute"

    statuses = [api.get("/api/v1/states/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/states/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["error"]["code"] == "throttled"


def test_the_rate_is_counted_per_key(api, stranger_api, settings):
    settings.PARTNERS_API_RATE = "2/minute"
    for _ in range(2):
        api.get("/api/v1/states/")

    assert api.get("/api/v1/states/").status_code == 429
    assert stranger_api.get("/api/v1/states/").status_code == 200


def test_an_unknown_api_path_answers_404_in_the_error_shape(api):
    response = api.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == error("not_found", "No existe ese recurso en la API.")


def test_errors_follow_the_requested_language(api):
    response = api.get("/api/v1/projects/999999/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json() == error("not_found", "Not found.")


def test_malformed_json_is_a_400_in_the_error_shape(api):
    response = api.post(
        "/api/v1/institution/projects/", data="{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert response.json()["error"]["fields"] == {}


def test_cors_allows_configured_origins_only(api, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://crm.example.org"]

    allowed = api.get("/api/v1/states/", HTTP_ORIGIN="https://crm.example.org")
    other = api.get("/api/v1/states/", HTTP_ORIGIN="https://evil.example.com")

    assert allowed["Access-Control-Allow-Origin"] == "https://crm.example.org"
    assert "Access-Control-Allow-Origin" not in other


def test_keys_are_stored_hashed(owner_key):
    key, plaintext = owner_key

    stored = ApiKey.objects.get(pk=key.pk)

    assert plaintext.startswith(stored.prefix + "_")
    assert plaintext not in (stored.hashed_key, stored.prefix, stored.name)
    assert len(stored.hashed_key) == 64


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/webhooks/abc/"),
        ("get", "/api/v1/webhooks/%0Ax/"),
        ("post", "/api/v1/institution/engagements/0.5/outcomes/"),
    ],
)
def test_odd_paths_answer_a_json_404_not_an_html_page_or_a_csrf_403(api, method, path):
    response = getattr(api, method)(path)

    assert response.status_code == 404
    assert response.json() == error("not_found", "No existe ese recurso en la API.")


def test_throttling_fails_open_when_the_cache_is_down(api, settings):
    # Deliberate (api/throttling.py): a cache outage must not become an API outage.
    settings.PARTNERS_API_RATE = "1/minute"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    statuses = [api.get("/api/v1/states/").status_code for _ in range(3)]

    assert statuses == [200, 200, 200]
