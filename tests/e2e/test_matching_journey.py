"""In real Chromium: a liaison's published need gets suggestions computed by a real worker,
the liaison invites one; the expert sees the project among their suggestions with reasons."""

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from matching import services
from profiles.models import Institution, User
from projects.services import project_publish
from tests.conftest import WorkerProcess, _database_url, private_task_queues
from tests.factories.profiles import PASSWORD, ExpertProfileFactory
from tests.factories.projects import ProjectFactory

pytestmark = [pytest.mark.e2e, pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def _log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("logout")).to_be_visible()


@pytest.fixture
def queue() -> Iterator[str]:
    with private_task_queues(f"test-{uuid.uuid4().hex[:10]}") as prefix:
        yield prefix


def test_liaison_watches_suggestions_arrive_and_invites_the_expert_who_sees_it(
    page: Page, live_server, institution: Institution, liaison: User, staff: User, queue: str
) -> None:
    fit = ExpertProfileFactory(
        user__name="Rosa Aguacatera",
        bio="Diez años en logística de exportación de aguacate desde Michoacán.",
        collaboration_types=["consulting"],
        skill_slugs=["supply-chain"],
    )
    other = ExpertProfileFactory(
        user__name="Pedro Historiador",
        bio="Historia del arte virreinal.",
        collaboration_types=["consulting"],
        skill_slugs=["history"],
    )
    for profile in (fit, other):
        services.expert_index_refresh(profile_id=profile.pk)
    project = ProjectFactory(
        institution=institution,
        status="submitted",
        title="Cadena de suministro de aguacate para exportación",
    )
    worker = WorkerProcess(queue, _database_url())
    try:
        project_publish(project=project, by=staff)

        _log_in(page, live_server.url, liaison.email)
        page.goto(f"{live_server.url}/proyectos/{project.pk}/sugerencias/")
        expect(page.get_by_test_id("computing")).to_contain_text("Calculando sugerencias")

        worker.start()  # the banner polls with htmx and the page refreshes when done
        expect(page.get_by_test_id("computing")).to_have_count(0, timeout=60_000)
        first = page.get_by_test_id("suggestion").first
        expect(first).to_contain_text("Rosa Aguacatera")
        expect(first).to_contain_text("Tiene la habilidad requerida: Cadena de suministro")

        first.get_by_role("link", name="Invitar", exact=True).click()
        page.get_by_label("Mensaje de invitación").fill(
            "Nos encantaría contar contigo para este proyecto."
        )
        page.get_by_role("button", name="Enviar invitación").click()
        expect(page.get_by_text("Invitación enviada a Rosa Aguacatera")).to_be_visible()

        page.get_by_test_id("logout").click()
        _log_in(page, live_server.url, fit.user.email)
        page.goto(live_server.url + "/sugerencias/")
        suggestion = page.get_by_test_id("suggestion").first
        expect(suggestion).to_contain_text(project.title)
        expect(suggestion).to_contain_text("Eres de Michoacán, como el proyecto")
    finally:
        worker.stop()
