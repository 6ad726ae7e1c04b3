"""In real Chromium with a real worker: staff create a match round, watch its progress, solve
it again to the same assignment, lock one pair and forbid another, solve again and publish; the
expert receives the invitation with its reasons."""

import uuid

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from matching import services
from profiles.models import Institution, User
from tests.conftest import WorkerProcess, _database_url, private_task_queues
from tests.e2e.test_matching_journey import _log_in
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = [pytest.mark.e2e, pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def test_staff_run_review_and_publish_a_round_and_the_expert_gets_the_invitation(
    page: Page, live_server, settings, institution: Institution, staff: User
) -> None:
    settings.MATCHING_EMBEDDER = "hashing"
    experts = [
        ExpertProfileFactory(
            user__name=name,
            bio="Logística de exportación de aguacate desde Michoacán.",
            collaboration_types=["consulting"],
            skill_slugs=["supply-chain"],
            max_concurrent_engagements=1,
        )
        for name in ("Rosa Aguacatera", "Luis Logístico", "Carmen Cadena")
    ]
    for profile in experts:
        services.expert_index_refresh(profile_id=profile.pk)
    for title in ("Exportación de aguacate", "Cadena de suministro de aguacate"):
        PublishedProjectFactory(institution=institution, title=title)
    with private_task_queues(f"test-{uuid.uuid4().hex[:10]}") as queue:
        worker = WorkerProcess(
            queue, _database_url(), extra_env={"MATCHING_EMBEDDER": "hashing"}, kinds=("matching",)
        )
        try:
            _log_in(page, live_server.url, staff.email)
            page.goto(live_server.url + "/rondas/")
            page.get_by_label("Nombre").fill("Convocatoria del consejo")
            page.get_by_label("Puntuación mínima").fill("0")
            page.get_by_label("Carga máxima por experto").fill("1")
            page.get_by_role("button", name="Crear y calcular").click()
            expect(page.get_by_test_id("round-progress")).to_contain_text("Calculando la ronda")

            worker.start()  # the bar polls with htmx; the page reloads when the round is solved
            expect(page.get_by_test_id("round-progress")).to_have_count(0, timeout=90_000)
            expect(page.get_by_test_id("round-report")).to_contain_text("Necesidades completas")
            proposed = page.get_by_test_id("proposed").get_by_test_id("round-candidate")
            first_solve = proposed.evaluate_all("els => els.map(e => e.dataset.expert)")
            page.get_by_test_id("resolve").click()  # same inputs: the same assignment
            expect(page.get_by_test_id("round-progress")).to_have_count(0, timeout=90_000)
            again = page.get_by_test_id("proposed").get_by_test_id("round-candidate")
            assert again.evaluate_all("els => els.map(e => e.dataset.expert)") == first_solve
            first, second = (
                page.get_by_test_id("round-need").nth(0),
                page.get_by_test_id("round-need").nth(1),
            )
            forbidden = first.get_by_test_id("proposed").get_by_test_id("round-candidate").first
            forbidden_id = forbidden.get_attribute("data-expert")
            forbidden.get_by_test_id("forbid").click()
            second = page.get_by_test_id("round-need").nth(1)
            alternative = second.get_by_test_id("round-candidate").last
            locked_id = alternative.get_attribute("data-expert")
            alternative.get_by_test_id("lock").click()
            page.get_by_test_id("resolve").click()
            expect(page.get_by_test_id("round-progress")).to_have_count(0, timeout=90_000)

            first = page.get_by_test_id("round-need").nth(0)
            second = page.get_by_test_id("round-need").nth(1)
            expect(
                first.get_by_test_id("proposed").locator(f'[data-expert="{forbidden_id}"]')
            ).to_have_count(0)
            expect(
                second.get_by_test_id("proposed").locator(f'[data-expert="{locked_id}"]')
            ).to_have_count(1)
            page.get_by_test_id("publish").click()
            expect(page.get_by_text("Enviamos 2 invitaciones")).to_be_visible()

            page.get_by_test_id("logout").click()
            invited = next(e for e in experts if str(e.pk) == locked_id)
            _log_in(page, live_server.url, invited.user.email)
            page.goto(live_server.url + reverse("projects:dashboard"))
            invitation = page.get_by_test_id("pending-invitation").first
            expect(invitation).to_contain_text("Te proponemos para este proyecto porque")
            expect(invitation).to_contain_text("Tiene la habilidad requerida")
        finally:
            worker.stop()
