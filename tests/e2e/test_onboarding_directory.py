"""Browser journey in real Chromium: sign up, onboard in four steps, find a colleague."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from profiles.models import ExpertProfile, ExpertSkill
from profiles.services.experts import profile_reindex
from tests.e2e.test_first_hour import AXE, AXE_URL, _no_serious_violations
from tests.factories.profiles import PASSWORD, skill

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def colleague(other_expert):
    """The other expert persona, findable in the directory by what they do."""
    ExpertProfile.objects.filter(pk=other_expert.pk).update(
        headline="Ingeniería agrícola en Uruapan y Texas",
        bio="Trabajo con huertas familiares.",
        visibility="members",
    )
    other_expert.refresh_from_db()
    ExpertSkill.objects.create(profile=other_expert, skill=skill("avocado-production"), years=5)
    profile_reindex(profile=other_expert)
    return other_expert


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # A visitor in Madrid: the time-zone picker proposes the browser's zone on an empty field.
    return {**browser_context_args, "timezone_id": "Europe/Madrid"}


def sign_up_and_log_in(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Crear cuenta").click()
    page.get_by_label("Vivo fuera de México y quiero colaborar como persona experta").check()
    page.get_by_label("Nombre completo").fill("Tomás Nuevo")
    page.get_by_label("Correo electrónico").fill("tomas@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Registrarse").click()
    expect(
        page.get_by_role("heading", name="Verifica tu dirección de correo electrónico")
    ).to_be_visible()

    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)[1]
    page.goto(base_url + path)
    page.get_by_role("button", name="Confirmar").click()
    page.get_by_label("Correo electrónico").fill("tomas@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("logout")).to_be_visible()


def test_new_expert_onboards_and_finds_a_colleague_in_the_directory(
    page: Page, live_server, colleague
):
    sign_up_and_log_in(page, live_server.url)

    page.get_by_role("link", name="Mi perfil").click()
    expect(page.get_by_role("heading", name="Paso 1 de 4: Quién eres")).to_be_visible()
    expect(page.get_by_test_id("completeness")).to_contain_text("Aceptar el aviso de privacidad")
    expect(page.get_by_label("Nombre completo")).to_have_value("Tomás Nuevo")
    page.get_by_label("Titular").fill("Ingeniero de datos en Madrid")
    page.get_by_label("Semblanza").fill("Construyo plataformas de datos para salud pública.")
    page.get_by_label("Puesto actual").fill("Ingeniero de datos sénior")
    page.get_by_label("Empleador").fill("Hospital Universitario")
    page.locator("#id_sector").select_option("private")
    page.get_by_label("He leído y acepto el aviso de privacidad.").check()
    page.get_by_role("button", name="Guardar y continuar").click()

    expect(page.get_by_role("heading", name=re.compile("Paso 2 de 4"))).to_be_visible()
    page.locator("#id_country").select_option("ES")
    page.get_by_label("Ciudad").fill("Madrid")
    # The browser's zone (Europe/Madrid, see browser_context_args) is proposed, under Spain.
    expect(page.locator("#id_timezone")).to_have_value("Europe/Madrid")
    expect(page.locator(".ts-wrapper").filter(has=page.get_by_text("Madrid"))).to_be_visible()
    page.context.route(f"{live_server.url}{AXE_URL}", lambda route: route.fulfill(path=AXE))
    _no_serious_violations(page, live_server.url)
    page.locator("#id_origin_state").select_option(label="Jalisco")
    page.locator("#id_origin_tie").select_option("born")
    page.get_by_role("button", name="Guardar y continuar").click()

    expect(page.get_by_role("heading", name="Paso 3 de 4: Qué sabes")).to_be_visible()
    page.get_by_label("Ciencias de la computación y de la información").check()
    page.get_by_label("Habilidades y años de experiencia").fill("Python: 6, Ciencia de datos: 4")
    # The vocabulary finder: a synonym finds the skill as we know it; Enter adds it as a line
    # and leaves the cursor there for the years.
    page.locator("#id_skills_finder-ts-control").fill("cold chain")
    found = page.locator("#id_skills_finder-ts-dropdown .option.active")
    expect(found).to_have_text("Tecnología postcosecha")
    page.keyboard.press("Enter")
    page.keyboard.type("3")
    expect(page.get_by_label("Habilidades y años de experiencia")).to_have_value(
        "Python: 6, Ciencia de datos: 4\nTecnología postcosecha: 3"
    )
    # Languages are picked by name: typing "span" finds "Español" in the searchable picker.
    # (The keyboard path is checked on the skills pickers; here a key pressed while the picker
    # still redrew its list chose nothing twice in CI, so the name is picked from the list.)
    picker = page.locator("#id_languages-0-code-ts-control")
    spanish = page.locator("#id_languages-0-code-ts-dropdown .option", has_text="Español").first
    picker.press_sequentially("span")
    try:
        expect(spanish).to_be_visible(timeout=3000)
    except AssertionError:  # the list closed while it redrew (seen in CI): type the name again
        # (a click on the one-character input found it "outside of the viewport" for 10 s).
        picker.fill("")
        picker.press_sequentially("span")
    spanish.click()
    expect(page.locator("#id_languages-0-code")).to_have_value("es")
    page.locator("#id_languages-0-level").select_option("native")
    page.get_by_role("button", name="Guardar y continuar").click()

    expect(page.get_by_role("heading", name="Paso 4 de 4: Qué puedes ofrecer")).to_be_visible()
    expect(page.get_by_text("Guardamos «Python» como «Programación en Python»")).to_be_visible()
    page.get_by_label("Mentoría", exact=True).check()
    page.locator("#id_hours_per_month").fill("8")
    page.get_by_role("button", name="Terminar").click()

    expect(page.get_by_text("¡Listo! Ya formas parte de la red.")).to_be_visible()
    expect(page.get_by_role("heading", name="Mi perfil", exact=True)).to_be_visible()

    page.get_by_role("link", name="Directorio").click()
    expect(page.get_by_role("heading", name="Directorio de expertos")).to_be_visible()
    page.locator("#id_q").fill("ingenieria agricola")
    page.get_by_role("button", name="Buscar", exact=True).click()
    expect(page.get_by_role("link", name=colleague.user.name)).to_be_visible()
    expect(page.get_by_role("link", name="Tomás Nuevo")).to_have_count(0)

    page.locator("#id_q").fill("avocado farming")
    page.get_by_role("button", name="Buscar", exact=True).click()
    expect(page.get_by_role("link", name=colleague.user.name)).to_be_visible()

    # The skill filter's options arrive on demand (static/js/options.js) and stay chosen.
    page.locator("#id_skill").select_option("avocado-production")
    page.get_by_role("button", name="Buscar", exact=True).click()
    expect(page.get_by_role("link", name=colleague.user.name)).to_be_visible()
    expect(page.locator("#id_skill")).to_have_value("avocado-production")
    expect(page.locator("#id_skill option")).not_to_have_count(2)

    page.get_by_role("link", name=colleague.user.name).click()
    expect(page.get_by_role("heading", name=colleague.user.name)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(colleague.user.email)
