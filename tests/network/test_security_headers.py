"""Security headers on every HTML page and the API docs, with DEBUG off (issue 18): a strict
Content-Security-Policy (no inline script or style), Permissions-Policy, COOP, HSTS,
X-Frame-Options, nosniff and Referrer-Policy; and the pages carry no inline script or style
that such a policy would block."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories.matching import MatchFactory
from tests.factories.notifications import NotificationFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

PRODUCTION = override_settings(
    DEBUG=False, SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000, ALLOWED_HOSTS=["*"]
)
# JSON data blocks (allauth's e-mail page) are never executed: the policy allows them.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE
)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def _assert_secure(response) -> None:
    policy = response["Content-Security-Policy"]
    directives = _directives(policy)
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def _assert_no_inline_code(html: str) -> None:
    assert INLINE_SCRIPT.findall(html) == []
    assert INLINE_STYLE.findall(html) == []


@PRODUCTION
@pytest.mark.parametrize(
    "path",
    ["/", "/privacidad/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"],
)
def test_public_pages_send_every_security_header_and_no_inline_code(path):
    response = Client().get(path, secure=True)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    _assert_secure(response)
    _assert_no_inline_code(response.content.decode())


@PRODUCTION
def test_signed_in_pages_send_every_security_header_and_no_inline_code(
    client, liaison, institution, expert_owner
):
    project = PublishedProjectFactory(institution=institution)
    MatchFactory(project=project, score=73.4)
    NotificationFactory(recipient=liaison)
    client.force_login(liaison)
    pages = [
        reverse("projects:dashboard"),
        reverse("projects:detail", args=[project.pk]),
        reverse("matching:project_suggestions", args=[project.pk]),
        reverse("notifications:list"),
        reverse("notifications:bell_menu"),
        reverse("notifications:preferences"),
        reverse("profiles:institution_detail", args=[institution.slug]),
        reverse("profiles:directory"),
        reverse("account_email"),
        reverse("account_change_password"),
    ]
    for path in pages:
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        _assert_secure(response)
        _assert_no_inline_code(response.content.decode())
    html = client.get(pages[2], secure=True).content.decode()
    assert '<meter class="score-bar" min="0" max="100" value="73"' in html

    client.force_login(expert_owner)
    for path in (reverse("profiles:me"), reverse("profiles:preview")):
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        _assert_secure(response)
        _assert_no_inline_code(response.content.decode())


@PRODUCTION
def test_the_api_docs_keep_coop_and_load_their_script_from_a_url():
    client = Client()
    response = client.get("/api/v1/docs/", secure=True)

    assert response.status_code == 200
    _assert_secure(response)
    html = response.content.decode()
    _assert_no_inline_code(html)
    [script_url] = re.findall(r'<script src="([^"]*script=[^"]*)"', html)
    script = client.get(script_url.replace("&amp;", "&"), secure=True)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


@PRODUCTION
def test_admin_pages_send_every_security_header(client, staff):
    client.force_login(staff)
    for path in ("/admin/", "/admin/profiles/expertprofile/", "/admin/projects/project/"):
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        _assert_secure(response)
        assert INLINE_SCRIPT.findall(response.content.decode()) == [], path


@PRODUCTION
def test_an_error_page_also_carries_the_policy():
    response = Client().get("/no-existe/", secure=True)

    assert response.status_code == 404
    _assert_secure(response)


def test_htmx_is_told_not_to_inject_its_indicator_style(client):
    html = client.get("/").content.decode()

    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html
