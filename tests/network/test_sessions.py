"""Sessions are read from the cache, not the database, on every signed-in request (issue 20);
the database stays the record, and ending a session (logging out, a password change, a
suspension) still ends it everywhere."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.services.account import account_suspend
from tests.factories.profiles import PASSWORD

pytestmark = pytest.mark.django_db

PANEL = reverse("projects:dashboard")


def signed_in(user) -> tuple[Client, str]:
    client = Client()
    client.force_login(user)
    return client, client.cookies[settings.SESSION_COOKIE_NAME].value


def test_a_signed_in_page_reads_no_session_row(liaison):
    client, _key = signed_in(liaison)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(PANEL)

    assert response.status_code == 200
    assert response.wsgi_request.user == liaison
    assert not [q for q in queries if "django_session" in q["sql"]]


def test_a_session_lost_from_the_cache_is_read_back_from_the_database(liaison):
    client, key = signed_in(liaison)
    cache.delete(KEY_PREFIX + key)

    response = client.get(PANEL)

    assert response.status_code == 200
    assert response.wsgi_request.user == liaison


def test_a_logged_out_session_cookie_no_longer_signs_anyone_in(liaison):
    client, key = signed_in(liaison)
    client.post(reverse("account_logout"))

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    response = replay.get(PANEL)

    assert response.status_code == 302
    assert cache.get(KEY_PREFIX + key) is None


def test_a_password_change_signs_the_other_sessions_out(liaison):
    here, _ = signed_in(liaison)
    elsewhere, _ = signed_in(liaison)
    assert elsewhere.get(PANEL).status_code == 200

    response = here.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "Otra-clave-9876", "password2": "Otra-clave-9876"},
    )

    assert response.status_code == 302
    assert here.get(PANEL).status_code == 200
    assert elsewhere.get(PANEL).status_code == 302


def test_a_suspension_ends_the_cached_copy_of_every_session_of_the_account(liaison, staff):
    _client, key = signed_in(liaison)
    assert cache.get(KEY_PREFIX + key) is not None

    account_suspend(user=liaison, by=staff, reason="Suplantación de identidad comprobada.")

    assert cache.get(KEY_PREFIX + key) is None
