"""Public pages are kept whole for visitors who are not signed in (issue 20): keyed by language,
URL and a stamp of the data shown, so an edit shows at the next request; never for a signed-in
reader, never with someone else's CSRF token or messages."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.web import _shareable
from observatory.services import snapshot_compute
from projects.models import Project
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

PROJECTS = reverse("projects:list")


def fetch(client: Client, url: str, **headers: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def tokens(html: str) -> set[str]:
    found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    return found | set(re.findall(r'"X-CSRFToken": "([^"]+)"', html))


def test_the_next_visitor_gets_the_project_list_and_page_without_their_queries():
    project = PublishedProjectFactory(title="Riego por goteo")
    detail = reverse("projects:detail", args=[project.pk])
    for url in (PROJECTS, detail):
        first, html = fetch(Client(), url)
        again, html_again = fetch(Client(), url)

        assert "Riego por goteo" in html_again
        assert again == 0 < first  # the page and its data versions: one cache round trip
        assert tokens(html).isdisjoint(tokens(html_again))


def test_an_unannounced_edit_shows_on_the_public_project_page_at_once(anonymous):
    project = PublishedProjectFactory(title="Sensores de suelo")
    detail = reverse("projects:detail", args=[project.pk])
    assert "Sensores de suelo" in fetch(anonymous, detail)[1]

    project.title = "Sensores de humedad"
    project.save()

    assert "Sensores de humedad" in fetch(Client(), detail)[1]


def test_an_institution_renamed_shows_on_the_kept_project_list_and_page(anonymous):
    project = PublishedProjectFactory(title="Riego por goteo")
    detail = reverse("projects:detail", args=[project.pk])
    for url in (PROJECTS, detail):
        fetch(anonymous, url)

    project.institution.name = "Instituto del Agua de Colima"
    project.institution.save()

    for url in (PROJECTS, detail):
        assert "Instituto del Agua de Colima" in fetch(Client(), url)[1], url


def test_a_project_withdrawn_without_a_save_leaves_the_cached_list(anonymous):
    project = PublishedProjectFactory(title="Riego por goteo")
    assert "Riego por goteo" in fetch(anonymous, PROJECTS)[1]

    Project.objects.filter(pk=project.pk).delete()

    assert "Riego por goteo" not in fetch(Client(), PROJECTS)[1]


def test_a_signed_in_reader_never_gets_the_anonymous_copy(liaison):
    PublishedProjectFactory(title="Riego por goteo")
    for url in ("/", PROJECTS):
        fetch(Client(), url)
        fetch(Client(), url)
        reader = Client()
        reader.force_login(liaison)

        html = fetch(reader, url)[1]

        assert 'data-testid="logout"' in html
        assert reverse("account_login") not in html


def test_another_language_gets_its_own_copy():
    fetch(Client(), "/", HTTP_ACCEPT_LANGUAGE="es")

    english = fetch(Client(), "/", HTTP_ACCEPT_LANGUAGE="en")[1]
    spanish = fetch(Client(), "/", HTTP_ACCEPT_LANGUAGE="es")[1]

    assert 'lang="en"' in english
    assert "Únete a la red" not in english
    assert "Únete a la red" in spanish


def test_a_visitor_posts_with_their_own_token_from_a_cached_page():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_tokens = tokens(fetch(first, PROJECTS)[1])
    second_tokens = tokens(fetch(second, PROJECTS)[1])

    assert second_tokens
    assert first_tokens.isdisjoint(second_tokens)
    for token in second_tokens:
        answer = second.post(
            reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}
        )
        assert answer.status_code == 302


def test_a_visitor_with_a_message_waiting_gets_it_and_nobody_else_does(liaison):
    fetch(Client(), "/")  # a copy is kept before anyone has a message
    leaving = Client()
    leaving.force_login(liaison)
    leaving.post(reverse("account_logout"))

    assert 'class="messages"' in fetch(leaving, "/")[1]
    assert 'class="messages"' not in fetch(Client(), "/")[1]


def test_a_snapshot_stored_shows_on_the_observatory_page_at_once():
    assert "Aún no hay cifras publicadas" in fetch(Client(), "/observatorio/")[1]
    month = timezone.now().date().replace(day=1)

    snapshot_compute(period=month, now=timezone.now() + datetime.timedelta(days=1))

    assert "Aún no hay cifras publicadas" not in fetch(Client(), "/observatorio/")[1]


def test_a_page_printing_the_token_some_other_way_is_not_shared(rf):
    request = rf.get("/")
    form = f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'
    plain = HttpResponse(f"<body>{form}</body>")
    leaky = HttpResponse(f'<body>{form}<meta name="csrf" content="{get_token(request)}"></body>')

    assert _shareable(request, plain) is not None
    assert _shareable(request, leaky) is None


def test_a_project_saved_while_the_cache_is_down_is_still_saved():
    project = PublishedProjectFactory(title="Sensores de suelo")
    dead = {"default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}

    with override_settings(CACHES=dead):
        project.title = "Sensores de humedad"
        project.save()

    assert Project.objects.get(pk=project.pk).title == "Sensores de humedad"
