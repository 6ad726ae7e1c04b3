"""Browser journey in real Chromium: an expert in Houston finds and asks to join the Houston
chapter; the coordinator approves; the expert registers for the full annual meeting and is
wait-listed; another attendee cancels; the expert is promoted and notified; the coordinator
checks them in and downloads the attendee CSV."""

import datetime
import uuid
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from chapters import services
from chapters.models import Chapter, EventRegistration
from notifications.models import Notification
from profiles.models import ExpertProfile, User
from tests.conftest import private_task_queues
from tests.factories.chapters import EventFactory, RegistrationFactory
from tests.factories.profiles import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _private_queue():
    with private_task_queues(f"test-e2e-chapters-{uuid.uuid4().hex[:10]}"):
        yield


def _sign_in(page: Page, url: str, user: User) -> None:
    page.goto(url + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("notification-bell")).to_be_visible()


def test_houston_expert_joins_waits_for_the_annual_meeting_is_promoted_and_checked_in(
    page: Page,
    browser: Browser,
    live_server,
    expert: ExpertProfile,
    chapter: Chapter,
    coordinator: User,
) -> None:
    meeting = EventFactory(
        chapter=chapter,
        kind="annual_meeting",
        title_es="Reunión anual del capítulo",
        capacity=1,
        starts_at=timezone.now() + datetime.timedelta(days=20),
        ends_at=timezone.now() + datetime.timedelta(days=20, hours=4),
    )
    holder = RegistrationFactory(event=meeting, user__name="Alberto Asistente")

    # The expert finds the Houston chapter in the directory and asks to join.
    _sign_in(page, live_server.url, expert.user)
    page.get_by_role("link", name="Capítulos", exact=True).click()
    page.get_by_label("País").select_option("US")
    page.get_by_role("button", name="Filtrar").click()
    page.get_by_test_id("chapter-list").get_by_role("link", name="Capítulo Houston").click()
    page.get_by_test_id("join").click()
    expect(page.get_by_test_id("membership-state")).to_contain_text("espera la respuesta")

    # The coordinator approves the request in a browser of her own.
    context = browser.new_context(locale="es-MX")
    coordination = context.new_page()
    _sign_in(coordination, live_server.url, coordinator)
    coordination.goto(live_server.url + f"/capitulos/{chapter.slug}/")
    coordination.get_by_test_id("requests-link").click()
    expect(coordination.get_by_test_id("request")).to_contain_text(expert.user.name)
    coordination.get_by_test_id("approve").click()
    expect(coordination.get_by_text("No hay solicitudes pendientes.")).to_be_visible()

    # The expert, now a member, registers for the full annual meeting: wait-listed.
    page.reload()
    expect(page.get_by_test_id("membership-state")).to_contain_text("Eres miembro")
    page.get_by_role("link", name="Reunión anual del capítulo").click()
    page.get_by_test_id("register").click()
    expect(page.get_by_test_id("registration-state")).to_contain_text("lista de espera (lugar 1)")
    expect(page.get_by_test_id("online-link")).to_have_count(0)

    # Another attendee cancels: the expert moves up, exactly once, and is told.
    services.registration_cancel(registration=holder, by=holder.user)
    page.reload()
    expect(page.get_by_test_id("registration-state")).to_contain_text("Pasaste de la lista")
    expect(page.get_by_test_id("online-link")).to_be_visible()
    expect(page.get_by_test_id("notification-count")).to_contain_text("2")  # approved, promoted
    page.get_by_test_id("notification-bell").click()
    expect(page.get_by_test_id("bell-item").first).to_contain_text(
        "Se liberó un lugar para ti: Reunión anual del capítulo"
    )
    assert (
        Notification.objects.filter(recipient=expert.user, kind="event_seat_promoted").count() == 1
    )

    # The coordinator checks the expert in and downloads the attendee list.
    coordination.goto(live_server.url + f"/eventos/{meeting.pk}/")
    coordination.get_by_test_id("attendees-link").click()
    row = coordination.get_by_test_id("attendee-row").filter(has_text=expert.user.name)
    row.get_by_test_id("check-in").click()
    expect(
        coordination.get_by_text(f"Registraste la asistencia de {expert.user.name}")
    ).to_be_visible()
    with coordination.expect_download() as download_info:
        coordination.get_by_test_id("attendees-csv").click()
    csv_text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert expert.user.name in csv_text
    assert "Inscrita" in csv_text
    assert EventRegistration.objects.get(event=meeting, user=expert.user).checked_in_at is not None
    context.close()
