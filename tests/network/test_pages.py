import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_explains_the_network_in_spanish_by_default(client):
    response = client.get(reverse("home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "Qué puedes pedirle a la red" in html
    assert 'href="/privacidad/"' in html


def test_language_switcher_turns_the_site_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302

    html = client.get(reverse("home")).content.decode()

    assert '<html lang="en">' in html
    assert "What you can ask the network for" in html


def test_accept_language_header_selects_english(client):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert "What you can ask the network for" in html


def test_privacy_notice_is_public(client):
    response = client.get(reverse("privacy"))

    assert response.status_code == 200
    assert "LFPDPPP" in response.content.decode()


def test_pages_carry_security_headers(client):
    response = client.get(reverse("home"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
