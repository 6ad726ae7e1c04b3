"""Browser journey in real Chromium (issue 14): a firm in Guadalajara sends an enquiry and
confirms its e-mail; a broker takes it, shortlists two experts with the engine's reasons and
asks both; one declines with a reason, one accepts; both sides get the introduction with
contacts; three months later the follow-up records an outcome and the enquiry closes.

The Celery seams are crossed by calling the services the tasks wrap (the confirmation e-mail,
the 3-month follow-up with a moved clock); e-mails are read from the outbox as they would
leave."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from enquiries.models import Enquiry
from enquiries.services import mail as enquiry_mail
from enquiries.services import outcomes
from matching import services as matching_services
from notifications import emails
from notifications.models import EmailDelivery
from tests.factories.profiles import PASSWORD, ExpertProfileFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRM = "jorge@muebles-gdl.example"


def _page(browser: Browser, context_args: dict) -> Page:
    page = browser.new_context(**context_args).new_page()
    page.set_default_timeout(10_000)
    return page


def _log_in(browser: Browser, context_args: dict, base: str, email: str) -> Page:
    page = _page(browser, context_args)
    page.goto(base + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("logout")).to_be_visible()
    return page


def _mail_to(address: str, kind: str) -> str:
    delivery = EmailDelivery.objects.filter(to_email=address, kind=kind).latest("pk")
    message = emails.build_message(delivery)
    return message.subject + "\n" + message.body


def _path(body: str, prefix: str) -> str:
    match = re.search(r"https?://[^/\s]+(" + prefix + r"\S+/)", body)
    assert match, body
    return match.group(1)


def _expert(name: str, email: str, bio: str):
    profile = ExpertProfileFactory(
        user=UserFactory(name=name, email=email),
        bio=bio,
        collaboration_types=["business_introductions"],
        linkedin_url=f"https://www.linkedin.com/in/{email.split('@')[0]}",
    )
    matching_services.expert_index_refresh(profile_id=profile.pk)
    return profile


# One long function: a journey told in order, each step depending on the one before.
def test_a_firm_is_introduced_to_an_expert_who_accepts_and_the_outcome_closes_the_enquiry(
    browser: Browser, browser_context_args: dict, live_server, settings
):
    settings.MATCHING_EMBEDDER = "hashing"  # fast vectors: this journey is not about language
    base = live_server.url
    Site.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": "testserver"})
    broker = UserFactory(name="Beatriz Gestora", email="beatriz@puentes.example", is_staff=True)
    broker.groups.add(Group.objects.get_or_create(name="brokers")[0])
    _expert(
        "Pedro Distribuidor",
        "pedro@texas.example",
        "Distribución minorista de muebles en Texas y el sur de Estados Unidos.",
    )
    _expert(
        "María Importadora",
        "maria@dallas.example",
        "Importación y distribución de muebles mexicanos en Texas; ferias de mobiliario.",
    )

    # 1. The firm sends its enquiry without an account and confirms its address.
    firm = _page(browser, browser_context_args)
    firm.goto(base + "/")
    firm.get_by_role("link", name="Pide una presentación").click()
    firm.get_by_label("Organización").fill("Muebles Finos de Guadalajara")
    firm.get_by_label("Tu nombre").fill("Jorge Villaseñor")
    firm.get_by_label("Correo electrónico").fill(FIRM)
    firm.get_by_label("¿Qué necesitas?").fill(
        "Queremos vender nuestros muebles en Texas: buscamos a alguien que conozca la "
        "distribución de muebles allí y nos presente a importadores."
    )
    firm.get_by_label("Tipo de consulta").select_option("market_entry")
    firm.get_by_label("Países de interés").select_option("US")
    firm.get_by_role("button", name="Enviar consulta").click()
    expect(firm.get_by_role("heading", name="Revisa tu correo")).to_be_visible()
    enquiry = Enquiry.objects.get()
    assert enquiry.confirmed_at is None
    enquiry_mail.confirmation_send(enquiry_id=enquiry.pk)  # what the mail task runs
    firm.goto(base + _path(mail.outbox[-1].body, "/consultas/confirmar/"))
    firm.get_by_role("button", name="Confirmar mi correo y enviar la consulta").click()
    expect(firm.get_by_text("tu consulta, en la cola")).to_be_visible()
    expect(firm.locator("[data-status]")).to_have_text("Nueva")

    # 2. The broker takes it, starts the search and shortlists two experts with reasons.
    desk = _log_in(browser, browser_context_args, base, "beatriz@puentes.example")
    desk.goto(base + "/gestion/consultas/")
    desk.get_by_role("link", name="Muebles Finos de Guadalajara").click()
    desk.get_by_role("button", name="Tomar esta consulta").click()
    desk.get_by_role("button", name="Empezar a buscar").click()
    expect(desk.locator("[data-status]")).to_have_text("Buscando personas")
    desk.get_by_role("link", name="Lista corta y sugerencias del motor").click()
    desk.get_by_role("link", name="Pedir sugerencias al motor").click()
    for name in ("María Importadora", "Pedro Distribuidor"):
        card = desk.locator(f'[data-suggestion="{name}"]')
        expect(card.locator("li").first).to_be_visible()  # the engine's reasons
        card.get_by_role("button", name="Añadir a la lista corta").click()
        expect(desk.locator(f'[data-candidate="{name}"]')).to_be_visible()
    for name in ("María Importadora", "Pedro Distribuidor"):
        desk.locator(f'[data-candidate="{name}"]').get_by_role(
            "button", name="Preguntarle si acepta la presentación"
        ).click()
        expect(desk.locator(f'[data-candidate="{name}"]')).to_contain_text("Preguntada")

    # Nothing about either expert reaches the firm before one accepts.
    firm.reload()
    expect(firm.locator("main")).not_to_contain_text("María")
    expect(firm.locator("main")).not_to_contain_text("Pedro")
    assert not EmailDelivery.objects.filter(to_email=FIRM).exists()

    # 3. One expert declines with a reason, the other accepts, from their e-mail links.
    pedro = _page(browser, browser_context_args)
    pedro.goto(
        base
        + _path(
            _mail_to("pedro@texas.example", "introduction_requested"), "/presentaciones/responder/"
        )
    )
    expect(pedro.get_by_role("heading")).to_contain_text("Muebles Finos de Guadalajara")
    pedro.get_by_label("Prefiero no").check()
    pedro.get_by_label("Si prefieres no").fill("Ya no trabajo en muebles.")
    pedro.get_by_role("button", name="Enviar mi respuesta").click()
    expect(pedro.get_by_text("Gracias por responder")).to_be_visible()
    maria = _page(browser, browser_context_args)
    maria.goto(
        base
        + _path(
            _mail_to("maria@dallas.example", "introduction_requested"), "/presentaciones/responder/"
        )
    )
    maria.get_by_label("Acepto la presentación").check()
    maria.get_by_role("button", name="Enviar mi respuesta").click()
    expect(maria.get_by_text("Les enviamos los datos de contacto")).to_be_visible()

    # 4. Both sides get the introduction with contacts; the decliner is never named.
    to_firm = _mail_to(FIRM, "introduction_made")
    assert "maria@dallas.example" in to_firm
    assert "https://www.linkedin.com/in/maria" in to_firm
    assert "pedro" not in to_firm.lower()
    to_maria = _mail_to("maria@dallas.example", "introduction_made")
    assert FIRM in to_maria
    assert "Jorge Villaseñor" in to_maria
    desk.reload()
    expect(desk.locator('[data-candidate="Pedro Distribuidor"]')).to_contain_text(
        "Ya no trabajo en muebles."
    )

    # 5. Three months later the follow-up asks; the firm records a contract; it closes.
    with time_machine.travel(datetime.timedelta(days=93)):
        assert outcomes.follow_ups_send() == [(enquiry.pk, 3)]
    firm.goto(base + _path(_mail_to(FIRM, "enquiry_follow_up"), "/consultas/resultado/"))
    firm.get_by_label("Contrato").check()
    firm.get_by_role("button", name="Guardar el resultado").click()
    expect(firm.locator('[data-outcome="contract"]')).to_be_visible()
    enquiry.refresh_from_db()
    assert enquiry.status == "closed"
    assert enquiry.outcome == "contract"
    desk.goto(base + f"/gestion/consultas/{enquiry.pk}/")
    expect(desk.locator("[data-status]")).to_have_text("Cerrada")
