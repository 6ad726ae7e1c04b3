"""Error pages (DEBUG off): the site's own 404 and 500 pages, in Spanish and in English,
instead of Django's bare English "Not Found" (there were no 404/403/500 templates)."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "text"),
    [("es", "No encontramos esta página"), ("en", "We could not find this page")],
)
def test_a_missing_page_answers_the_sites_404_in_the_visitors_language(client, language, text):
    client.cookies["django_language"] = language
    with translation.override(translation.get_language()):
        response = client.get("/no-existe/")

    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert 'href="/"' in html
    assert "Not Found" not in html


@pytest.mark.parametrize(
    ("language", "text"),
    [("es", "Algo falló de nuestro lado"), ("en", "Something went wrong on our side")],
)
def test_the_server_error_page_is_the_sites_in_both_languages(language, text):
    with translation.override(language):
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert text in html
    assert "Server Error (500)" not in html
