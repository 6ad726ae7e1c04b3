"""Browser journey in real Chromium: sign up, verify e-mail, log in, switch language, log out."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "una-clave-larga-2026"


def test_signup_verify_login_switch_language_logout(page: Page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Crear cuenta").click()

    page.get_by_label("Vivo fuera de México y quiero colaborar como persona experta").check()
    page.get_by_label("Nombre completo").fill("Rosa Investigadora")
    page.get_by_label("Correo electrónico").fill("rosa@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Registrarse").click()
    expect(
        page.get_by_role("heading", name="Verifica tu dirección de correo electrónico")
    ).to_be_visible()

    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body)[1]
    page.goto(live_server.url + path)
    page.get_by_role("button", name="Confirmar").click()

    page.get_by_label("Correo electrónico").fill("rosa@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("logout")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")

    # A new member lands on their profile to start onboarding.
    expect(page).to_have_url(re.compile(r"/perfil/"))
    page.goto(live_server.url + "/")
    page.get_by_label("Idioma").select_option("en")
    page.get_by_test_id("switch-language").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="What you can ask the network for")).to_be_visible()

    page.get_by_test_id("logout").click()
    expect(page.get_by_role("link", name="Sign up")).to_be_visible()
