"""Graceful outages: the database or Redis down gives 503 with Retry-After (a translated
maintenance page, or the API's error shape), never a 500. Here the outage is simulated at the
driver's edge (every query raises, or the cache points at a closed port); the end-to-end test
with a stopped PostgreSQL server is in test_outage_postgres.py."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

pytestmark = pytest.mark.django_db

CLOSED_PORT_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@contextmanager
def database_down():
    error = OperationalError("connection to server failed: Connection refused")
    with mock.patch.object(CursorWrapper, "execute", side_effect=error):
        yield


def _assert_maintenance_page(response, text: str) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    assert text in response.content.decode()


def test_a_page_answers_503_with_a_maintenance_page_when_the_database_is_down(client):
    with database_down():
        response = client.get("/proyectos/")

    _assert_maintenance_page(response, "Puentes está en mantenimiento")


def test_a_signed_in_page_answers_503_when_the_database_fails_loading_the_session(client, liaison):
    client.force_login(liaison)
    with database_down():
        response = client.get("/proyectos/panel/")

    _assert_maintenance_page(response, "Puentes está en mantenimiento")


def test_the_maintenance_page_is_rendered_in_the_visitors_language(client):
    with database_down():
        response = client.get("/proyectos/", HTTP_ACCEPT_LANGUAGE="en")

    _assert_maintenance_page(response, '<html lang="en">')


def test_the_api_answers_503_in_its_error_shape_when_the_database_is_down(client, liaison):
    client.force_login(liaison)
    with database_down():
        response = client.get("/api/v1/states/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "error": {
            "code": "service_unavailable",
            "message": "Puentes está en mantenimiento. Vuelve a intentarlo en unos momentos.",
            "fields": {},
        }
    }


def test_a_page_needing_the_cache_answers_503_when_redis_is_down(client, settings, liaison):
    settings.CACHES = CLOSED_PORT_CACHE  # allauth counts login attempts in the cache

    response = client.post(
        "/accounts/login/", {"login": liaison.email, "password": "wrong password"}
    )

    _assert_maintenance_page(response, "Puentes está en mantenimiento")


def test_the_pages_come_back_by_themselves_after_the_outage(client):
    with database_down():
        assert client.get("/proyectos/").status_code == 503

    assert client.get("/proyectos/").status_code == 200
