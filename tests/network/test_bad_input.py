"""A malformed session cookie (a NUL byte: PostgreSQL text cannot hold one) is no session, not
a 500 on every page (issue 18)."""

import pytest
from django.conf import settings
from django.test import Client

from network.sessions import SessionStore

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "cookie", ["abcdefgh\x00ijklmnop", "\x00" * 32, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "x" * 41]
)
@pytest.mark.parametrize("path", ["/", "/proyectos/", "/accounts/login/"])
def test_a_malformed_session_cookie_is_treated_as_no_session(cookie, path):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie

    response = client.get(path)

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_a_malformed_session_key_is_never_looked_up(django_assert_num_queries):
    store = SessionStore("abcdefgh\x00ijklmnop")

    with django_assert_num_queries(0):
        assert store.session_key is None
        assert dict(store.items()) == {}


def test_a_real_session_still_signs_the_person_in(client, expert_owner):
    client.force_login(expert_owner)

    response = client.get("/proyectos/")

    assert response.wsgi_request.user == expert_owner
    assert len(client.cookies[settings.SESSION_COOKIE_NAME].value) == 32


@pytest.mark.parametrize(
    "url",
    [
        "/admin/profiles/skill/?status=%00",
        "/admin/projects/project/?status__exact=a%00b",
        "/admin/partners/webhookdelivery/?event=%00",
        "/admin/notifications/emaildelivery/?kind__in=%00",
        "/admin/profiles/user/?q=a%00b",
        "/admin/profiles/skill/a%00b/change/",
    ],
)
def test_a_nul_byte_in_an_admin_url_is_a_400(client, staff, url):
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 400


def test_the_admin_still_filters(client, staff):
    client.force_login(staff)

    response = client.get("/admin/profiles/skill/?status__exact=approved")

    assert response.status_code == 200
