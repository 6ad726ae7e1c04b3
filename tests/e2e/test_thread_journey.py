"""A conversation after a match in real Chromium (issue 12, item 7): the liaison follows the
"Mensajes" link of the panel to the thread, reads the expert's new message, answers with an
attachment, proposes a meeting and finds its card and `.ics`; axe finds no serious or critical
violation on the thread, and at 390 px it does not scroll sideways. The page fixture fails the
journey on any Content-Security-Policy violation."""

import re

import pytest
from playwright.sync_api import Page, expect

from conversations.models import Message, Thread
from projects import services as project_services
from tests.e2e.test_first_hour import AXE, AXE_URL, _ensure_site, _log_in, _no_serious_violations
from tests.factories.conversations import MessageFactory
from tests.factories.projects import InterestFactory, PublishedProjectFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_liaison_reads_answers_and_proposes_a_meeting_in_the_thread(
    page: Page, live_server, tmp_path, settings, institution, liaison, expert
):
    settings.CONVERSATIONS_ATTACHMENT_ROOT = str(tmp_path / "attachments")
    base = live_server.url
    _ensure_site()
    project = PublishedProjectFactory(
        institution=institution, created_by=liaison, title="Inocuidad del aguacate"
    )
    interest = InterestFactory(project=project, expert=expert)
    engagement = project_services.interest_accept(interest=interest, by=liaison)
    thread = Thread.objects.get(engagement=engagement)
    MessageFactory(thread=thread, author=expert.user, body="¡Hola! ¿Cuándo empezamos?")
    page.context.route(f"{base}{AXE_URL}", lambda route: route.fulfill(path=AXE))
    page.set_viewport_size({"width": 1280, "height": 900})

    _log_in(page, base, liaison.email)
    page.goto(base + "/proyectos/panel/")
    link = page.get_by_test_id("messages-link").first
    expect(link).to_contain_text("1 sin leer")
    link.click()
    expect(page.get_by_role("heading", name=re.compile("Mensajes sobre"))).to_be_visible()
    expect(page.get_by_test_id("message")).to_have_count(1)
    expect(page.get_by_test_id("message").first).to_contain_text("Nuevo")
    _no_serious_violations(page, base)

    page.get_by_label("Tu mensaje").fill("Hola María: te comparto el plan.\n¿El jueves?")
    page.get_by_label("Adjuntar un archivo (opcional)").set_input_files(
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    page.get_by_role("button", name="Enviar mensaje").click()
    expect(page.get_by_test_id("message")).to_have_count(2)
    expect(page.get_by_role("link", name=re.compile("Adjunto: plan.pdf"))).to_be_visible()

    page.get_by_text("Proponer una reunión").click()
    page.locator("#id_date").fill("2031-03-06")
    page.locator("#id_time").fill("10:30")
    page.get_by_label("Lugar o enlace de la videollamada").fill("https://meet.example.org/x")
    page.get_by_role("button", name="Proponer la reunión").click()
    card = page.get_by_test_id("meeting")
    expect(card).to_contain_text("10:30")
    with page.expect_download() as download:
        card.get_by_role("link", name=re.compile(r"\.ics")).click()
    assert "BEGIN:VEVENT" in download.value.path().read_text()
    _no_serious_violations(page, base)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the thread is {width} px wide at 390 px"
    assert list(Message.objects.order_by("pk").values_list("kind", flat=True)) == [
        "text",
        "text",
        "meeting",
    ]
