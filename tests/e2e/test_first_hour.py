"""Every user's first hour, in real Chromium at 1280 px and at 390 px (issue 12).

A liaison signs up as an institution and never meets the expert wizard or panel; an expert
signs up and never meets the institution's; at 390 px no page of the main journeys scrolls
sideways (document width <= viewport; a screenshot of each lands in the test's artefacts); axe
finds no serious or critical violation on sign-up, onboarding, suggestions and project detail.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from tests.factories.matching import MatchFactory
from tests.factories.profiles import PASSWORD
from tests.factories.projects import PublishedProjectFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = "/__tests__/axe.min.js"  # served by the test's route: same origin, so the CSP allows it
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _ensure_site() -> None:
    # Transactional tests before this one may leave sites and content types empty.
    ContentType.objects.clear_cache()
    Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "testserver", "name": "Puentes"}
    )
    Site.objects.clear_cache()


def _open(browser: Browser, base: str, viewport: dict) -> Page:
    context = browser.new_context(viewport=viewport, locale="es-MX")
    context.route(f"{base}{AXE_URL}", lambda route: route.fulfill(path=AXE))
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def _no_serious_violations(page: Page, base: str) -> None:
    page.add_script_tag(url=base + AXE_URL)
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))"""
    )
    assert found == [], f"{page.url}: {found}"


def _fits(page: Page, artefacts: Path, name: str) -> None:
    """The page does not scroll sideways at this viewport; keep a screenshot of it."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    page.screenshot(path=artefacts / f"{name}-{viewport}.png", full_page=True)
    assert width <= viewport, f"{page.url} is {width} px wide at {viewport} px"


def _sign_up(page: Page, base: str, *, role: str, name: str, email: str) -> None:
    page.goto(base + "/accounts/signup/")
    page.get_by_label(role).check()
    page.get_by_label("Nombre completo").fill(name)
    page.get_by_label("Correo electrónico").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Registrarse").click()
    expect(page.get_by_role("heading", name=re.compile("Verifica"))).to_be_visible()
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)[1]
    page.goto(base + path)
    page.get_by_role("button", name="Confirmar").click()
    _log_in(page, base, email)


def _log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.locator("#main")).to_be_visible()


def _log_out(page: Page) -> None:
    page.context.clear_cookies()


# One journey: each step needs the accounts the previous ones made, and a browser costs seconds.
def test_each_side_meets_only_its_own_first_hour_at_desktop_and_phone_widths(
    browser: Browser, live_server, tmp_path, institution, liaison, institution_admin, expert
):
    base = live_server.url
    artefacts = tmp_path / "artefacts"
    artefacts.mkdir()
    _ensure_site()
    project = PublishedProjectFactory(
        institution=institution, created_by=liaison, title="Inocuidad del aguacate"
    )
    MatchFactory(project=project, expert=expert)

    # --- A liaison at 1280 px: signs up as an institution -----------------------------------
    page = _open(browser, base, DESKTOP)
    page.goto(base + "/accounts/signup/")
    _no_serious_violations(page, base)
    _sign_up(
        page,
        base,
        role="Represento a una institución de la región",
        name="Ana Enlace",
        email="ana.enlace@example.org",
    )
    expect(page).to_have_url(re.compile(r"/instituciones/registrar/$"))
    nav = page.get_by_role("navigation", name="Navegación principal")
    expect(nav.get_by_role("link", name="Mis instituciones")).to_be_visible()
    expect(nav.get_by_role("link", name="Mi perfil")).to_have_count(0)
    expect(nav.get_by_role("link", name="Sugerencias")).to_have_count(0)
    header = page.locator(".site-header").bounding_box()
    assert header is not None
    assert header["height"] < 80, header  # one line at 1280 px

    page.goto(base + "/proyectos/panel/")
    expect(page.get_by_test_id("institution-start")).to_be_visible()
    expect(page.get_by_test_id("expert-dashboard")).to_have_count(0)
    expect(page.get_by_text("Mi participación como experto")).to_have_count(0)
    page.goto(base + "/perfil/")
    expect(page).to_have_url(re.compile(r"/cuenta/$"))
    expect(page.get_by_text("Paso 1 de 4")).to_have_count(0)
    page.context.close()

    # --- An expert at 390 px: signs up as an expert -----------------------------------------
    page = _open(browser, base, PHONE)
    page.goto(base + "/accounts/signup/")
    _fits(page, artefacts, "signup")
    _sign_up(
        page,
        base,
        role="Vivo fuera de México y quiero colaborar como persona experta",
        name="Tomás Nuevo",
        email="tomas@example.org",
    )
    expect(page.get_by_role("heading", name=re.compile("Paso 1 de 4"))).to_be_visible()
    _no_serious_violations(page, base)
    _fits(page, artefacts, "onboarding")

    menu = page.get_by_test_id("menu-toggle")
    expect(menu).to_be_visible()
    nav = page.get_by_role("navigation", name="Navegación principal")
    expect(nav.get_by_role("link", name="Mi panel")).to_be_hidden()
    menu.click()
    expect(nav.get_by_role("link", name="Mi panel")).to_be_visible()
    expect(nav.get_by_role("link", name="Mis instituciones")).to_have_count(0)

    page.goto(base + "/proyectos/panel/")
    expect(page.get_by_test_id("expert-start")).to_be_visible()
    expect(page.get_by_test_id("liaison-dashboard")).to_have_count(0)
    expect(page.get_by_test_id("institution-start")).to_have_count(0)
    _fits(page, artefacts, "expert-panel")
    page.goto(base + "/instituciones/registrar/")
    expect(page).to_have_url(re.compile(r"/cuenta/$"))
    _fits(page, artefacts, "account")

    page.goto(base + f"/proyectos/{project.pk}/")
    _no_serious_violations(page, base)
    _fits(page, artefacts, "project-detail")
    page.goto(base + "/proyectos/")
    _fits(page, artefacts, "project-list")

    # --- The personas' main pages at 390 px ----------------------------------------------------
    _log_out(page)
    _log_in(page, base, expert.user.email)
    page.goto(base + "/sugerencias/")
    expect(page.get_by_test_id("suggestion")).to_have_count(1)
    _no_serious_violations(page, base)
    _fits(page, artefacts, "my-suggestions")

    _log_out(page)
    _log_in(page, base, liaison.email)
    for name, path in [
        ("liaison-panel", "/proyectos/panel/"),
        ("project-suggestions", f"/proyectos/{project.pk}/sugerencias/"),
        ("invite", f"/proyectos/invitar-a/{expert.pk}/"),
        ("expert-profile", f"/expertos/{expert.pk}/"),
    ]:
        page.goto(base + path)
        _fits(page, artefacts, name)
    _no_serious_violations(page, base)

    _log_out(page)
    _log_in(page, base, institution_admin.email)
    page.goto(base + f"/integraciones/{institution.slug}/")
    _fits(page, artefacts, "integrations")
    page.context.close()
