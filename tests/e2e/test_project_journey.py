"""Browser journey in real Chromium: a liaison posts a need, a platform admin approves it in
Django admin, an expert finds it and expresses interest, the liaison accepts, both see each
other's contact details, and the expert records an outcome."""

import datetime

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from profiles.models import FieldOfScience, Skill
from projects.models import Outcome, Project
from tests.e2e.test_first_hour import AXE, AXE_URL, _no_serious_violations
from tests.factories.profiles import (
    PASSWORD,
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
    UserFactory,
    state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Co-director de tesis sobre cadenas de suministro de aguacate"


def _ensure_site() -> None:
    # An earlier transactional test with serialized_rollback flushes without post_migrate, and
    # under Playwright the restore does not run: sites and content types can be left empty.
    # allauth needs the current site; the audit log needs fresh content types.
    ContentType.objects.clear_cache()
    Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "testserver", "name": "Puentes"}
    )
    Site.objects.clear_cache()


def _log_in(browser: Browser, context_args: dict, base: str, email: str) -> Page:
    page = browser.new_context(**context_args).new_page()
    page.set_default_timeout(10_000)
    page.goto(base + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("logout")).to_be_visible()
    return page


def test_liaison_posts_admin_approves_expert_engages_and_records_an_outcome(
    browser: Browser, browser_context_args: dict, live_server
):
    base = live_server.url
    _ensure_site()
    institution = InstitutionFactory(name="Universidad Michoacana", state=state("16"))
    MembershipFactory(
        institution=institution,
        user=UserFactory(name="Luis Enlace", email="luis.enlace@umich.example"),
    )
    UserFactory(email="ana.admin@puentes.example", is_staff=True, is_superuser=True)
    ExpertProfileFactory(
        user=UserFactory(name="María Experta", email="maria.experta@example.org"),
        linkedin_url="https://www.linkedin.com/in/maria-experta",
    )
    deadline = timezone.localdate() + datetime.timedelta(days=30)

    # 1. The liaison drafts the need and sends it to moderation.
    liaison = _log_in(browser, browser_context_args, base, "luis.enlace@umich.example")
    liaison.goto(base + "/proyectos/nuevo/")
    liaison.get_by_label("Título").fill(TITLE)
    liaison.get_by_label("Resumen").fill("Co-dirigir una tesis de maestría sobre logística.")
    liaison.get_by_label("Descripción").fill("La tesis estudia la exportación del aguacate.")
    liaison.locator("#id_fields_of_science").select_option(
        value=[str(FieldOfScience.objects.get(code="4.1").pk)]
    )
    liaison.locator("#id_required_skills").select_option(
        value=[str(Skill.objects.get(slug="supply-chain").pk)]
    )
    # The skills picker: a synonym typed without accents finds the skill as we know it, and
    # the keyboard picks it (issue 12).
    liaison.locator("#id_nice_to_have_skills-ts-control").fill("cadena de frio")
    option = liaison.locator("#id_nice_to_have_skills-ts-dropdown .option.active")
    expect(option).to_have_text("Tecnología postcosecha")
    liaison.keyboard.press("Enter")
    postharvest = str(Skill.objects.get(slug="postharvest-technology").pk)
    expect(liaison.locator("#id_nice_to_have_skills")).to_have_values([postharvest])
    liaison.keyboard.press("Escape")
    liaison.context.route(f"{base}{AXE_URL}", lambda route: route.fulfill(path=AXE))
    _no_serious_violations(liaison, base)  # the pickers keep the form accessible
    liaison.get_by_label("Tipo de colaboración").select_option("thesis_cosupervision")
    liaison.get_by_label("Modalidad").select_option("hybrid")
    liaison.locator("#id_languages").select_option(value=["es", "en"])
    liaison.get_by_label("Horas al mes").fill("6")
    liaison.get_by_label("Duración en meses").fill("12")
    liaison.get_by_label("Fecha límite para postularse").fill(deadline.isoformat())
    liaison.get_by_label("Pro bono").check()
    liaison.get_by_role("button", name="Guardar borrador").click()
    expect(liaison.get_by_role("heading", name=TITLE)).to_be_visible()
    liaison.get_by_role("button", name="Enviar a revisión").click()
    expect(liaison.get_by_text("Enviamos el proyecto a revisión")).to_be_visible()
    expect(liaison.get_by_test_id("project-status")).to_have_text("En revisión")

    # 2. A platform admin approves it from the moderation queue in Django admin.
    admin = browser.new_context(**browser_context_args).new_page()
    admin.set_default_timeout(10_000)
    admin.goto(base + "/admin/")
    admin.locator("#id_username").fill("ana.admin@puentes.example")
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("input[type=submit]").click()
    admin.goto(base + "/admin/projects/project/?moderation=queue")
    admin.get_by_role("row", name=TITLE).locator("input[name=_selected_action]").check()
    admin.locator("select[name=action]").select_option("approve_projects")
    admin.locator("button[name=index]").click()
    expect(admin.get_by_text("Se publicó 1 proyecto.")).to_be_visible()
    assert Project.objects.get(title=TITLE).status == "published"
    assert [s.slug for s in Project.objects.get(title=TITLE).nice_to_have_skills] == [
        "postharvest-technology"
    ]

    # 3. The expert finds it in the public list and expresses interest.
    expert = _log_in(browser, browser_context_args, base, "maria.experta@example.org")
    expert.goto(base + "/proyectos/")
    expert.get_by_role("link", name=TITLE).click()
    expect(expert.get_by_text("luis.enlace@umich.example")).to_have_count(0)
    expert.get_by_label("Tu mensaje a la institución").fill("Trabajé diez años en logística.")
    expert.get_by_role("button", name="Me interesa").click()
    expect(expert.get_by_text("Enviamos tu interés")).to_be_visible()

    # 4. The liaison accepts it from the dashboard and now sees the expert's contact details.
    liaison.goto(base + "/proyectos/panel/")
    row = liaison.get_by_test_id("pending-interest").filter(has_text="María Experta")
    expect(row).not_to_contain_text("maria.experta@example.org")
    row.get_by_role("button", name="Aceptar").click()
    expect(liaison.get_by_text("Aceptaste el interés")).to_be_visible()
    expect(liaison.get_by_role("link", name="maria.experta@example.org")).to_be_visible()
    expect(liaison.get_by_role("link", name="LinkedIn")).to_be_visible()

    # 5. The expert sees the liaison's contact details and records an outcome.
    expert.goto(base + "/proyectos/panel/")
    expect(expert.get_by_text("Luis Enlace")).to_be_visible()
    expect(expert.get_by_role("link", name="luis.enlace@umich.example")).to_be_visible()
    expert.get_by_role("link", name=TITLE).first.click()
    expert.get_by_label("Tipo de resultado").select_option("publication")
    expert.get_by_label("Descripción").fill("Artículo conjunto sobre logística del aguacate")
    expert.locator("#id_occurred_on").fill(timezone.localdate().isoformat())
    expert.get_by_role("button", name="Registrar resultado").click()
    expect(expert.get_by_text("Resultado registrado")).to_be_visible()
    expect(expert.get_by_test_id("outcome")).to_contain_text("Artículo conjunto")
    assert Outcome.objects.get().recorded_by.email == "maria.experta@example.org"
