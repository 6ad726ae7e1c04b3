"""The site's header and footer are rendered once per kind of reader (language, signed in,
staff, role) and shared (issue 20); what is per person (CSRF tokens, the current path) never
is: a cached page never carries someone else's token."""

import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROJECTS = reverse("projects:list")


@pytest.fixture(autouse=True)
def _fresh_fragments() -> None:
    caches["fragments"].clear()


def tokens(response) -> set[str]:
    html = response.content.decode()
    found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    found |= set(re.findall(r'"X-CSRFToken": "([^"]+)"', html))
    return found


def template_names(response) -> set[str]:
    return {template.name for template in response.templates}


def test_the_navigation_is_rendered_once_per_kind_of_reader(anonymous, liaison):
    assert "_partials/nav_items.html" in template_names(anonymous.get("/"))
    assert "_partials/nav_items.html" not in template_names(Client().get(PROJECTS))

    signed_in = Client()
    signed_in.force_login(liaison)
    assert "_partials/nav_items.html" in template_names(signed_in.get("/"))


def test_each_visitor_posts_with_their_own_token_from_a_shared_header(anonymous):
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    first_tokens = tokens(first.get("/"))
    second_tokens = tokens(second.get("/"))
    assert first_tokens
    assert second_tokens
    assert first_tokens.isdisjoint(second_tokens)

    for token in second_tokens:
        answer = second.post(
            reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}
        )
        assert answer.status_code == 302
    stolen = second.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": first_tokens.pop()}
    )
    assert stolen.status_code == 403


def test_a_signed_in_reader_gets_their_own_logout_token_and_menu(liaison, staff):
    admin = Client(enforce_csrf_checks=True)
    admin.force_login(staff)
    admin_page = admin.get(PROJECTS)
    person = Client(enforce_csrf_checks=True)
    person.force_login(liaison)

    page = person.get(PROJECTS)

    assert "Administración" in admin_page.content.decode()
    assert "Administración" not in page.content.decode()
    assert tokens(page).isdisjoint(tokens(admin_page))
    token = tokens(page).pop()
    assert person.post(reverse("account_logout"), {"csrfmiddlewaretoken": token}).status_code == 302


def test_the_footer_keeps_the_current_page_and_the_readers_language(anonymous):
    spanish = anonymous.get(PROJECTS, {"q": "agua"}).content.decode()
    english = Client().get(PROJECTS, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'name="next" type="hidden" value="/proyectos/?q=agua"' in spanish
    assert "Aviso de privacidad" in spanish
    assert "Privacy notice" in english
    assert "Aviso de privacidad" not in english
