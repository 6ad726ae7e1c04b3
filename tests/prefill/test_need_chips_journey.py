"""Browser journey in real Chromium: while a liaison writes a need, skills proposed from the
text appear as chips; accepting one selects it in the form's own list (under the site's CSP)."""

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from playwright.sync_api import Page, expect

from profiles.models import Skill, User
from tests.factories.profiles import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_liaison_accepts_skills_proposed_from_the_need_text(
    page: Page, live_server, liaison: User
) -> None:
    Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "testserver", "name": "Puentes"}
    )
    Site.objects.clear_cache()
    hydrology = Skill.objects.get(slug="hydrology")
    python = Skill.objects.get(slug="python")
    page.set_default_navigation_timeout(30_000)  # a loaded machine: the first page is slow
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(liaison.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("logout")).to_be_visible()

    page.goto(live_server.url + "/proyectos/nuevo/")
    page.locator("#id_description").fill(
        "Buscamos una persona experta en hidrogeología para modelar el acuífero del valle. "
        "Deseable: programación en Python."
    )
    required_chip = page.get_by_role("button", name=f"+ {hydrology.name_es} (indispensable)")
    nice_chip = page.get_by_role("button", name=f"+ {python.name_es} (deseable)")
    expect(required_chip).to_be_visible()
    expect(nice_chip).to_be_visible()

    required_chip.click()
    expect(required_chip).to_have_count(0)
    chosen = page.locator("#id_required_skills").evaluate(
        "select => Array.from(select.selectedOptions, o => o.value)"
    )
    assert chosen == [str(hydrology.pk)]
    nice_chip.click()
    chosen = page.locator("#id_nice_to_have_skills").evaluate(
        "select => Array.from(select.selectedOptions, o => o.value)"
    )
    assert chosen == [str(python.pk)]
