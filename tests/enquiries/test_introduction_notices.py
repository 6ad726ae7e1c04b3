"""What each side hears, through the notifications outbox: the expert is asked with a signed
link; nothing about an expert reaches the requester until one accepts; then both sides get
each other's contacts."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from enquiries.choices import Status
from enquiries.services import intake, introductions, shortlist, workflow
from notifications import emails
from notifications.models import EmailDelivery, Notification
from tests.factories.enquiries import EnquiryFactory

pytestmark = pytest.mark.django_db

REQUESTER = "compras@tequileria.example"


def _bodies(address: str) -> str:
    """Every e-mail (text and HTML) queued for `address`, as it would leave."""
    out = []
    for delivery in EmailDelivery.objects.filter(to_email=address):
        message = emails.build_message(delivery)
        out.append(message.subject + "\n" + message.body + "\n" + str(message.alternatives[0][0]))
    return "\n".join(out)


@pytest.fixture
def searching(broker):
    return EnquiryFactory(
        organisation="Tequilería de Guadalajara",
        person_name="Rosa Ortega",
        email=REQUESTER,
        broker=broker,
        status=Status.SEARCHING,
    )


def test_nothing_about_an_expert_reaches_the_requester_before_acceptance(
    searching, broker, expert, other_expert
):
    yes = shortlist.candidate_add(enquiry=searching, expert=expert, by=broker)
    no = shortlist.candidate_add(enquiry=searching, expert=other_expert, by=broker)
    introductions.candidate_ask(candidate=yes, by=broker)
    introductions.candidate_ask(candidate=no, by=broker)

    # The experts are asked, in the site and by e-mail, with a link to answer.
    asked = _bodies(expert.user.email)
    assert "¿Aceptarías una presentación con Tequilería de Guadalajara" in asked
    assert "/presentaciones/responder/" in asked
    assert Notification.objects.filter(
        recipient=expert.user, kind="introduction_requested"
    ).exists()
    assert "Would you accept an introduction to Tequilería de Guadalajara" in _bodies(
        other_expert.user.email
    )

    introductions.candidate_decline(candidate=no, reason="Sin tiempo este trimestre.")
    status_page = Client().get(
        reverse("enquiries:requester", args=[intake.requester_token(searching)])
    )
    secrets = [
        expert.user.email,
        expert.user.name,
        expert.linkedin_url,
        other_expert.user.email,
        other_expert.user.name,
        "Sin tiempo este trimestre.",
    ]
    for secret in secrets:
        assert secret not in status_page.content.decode()
        assert secret not in _bodies(REQUESTER)

    introductions.candidate_accept(candidate=yes)

    to_requester = _bodies(REQUESTER)
    assert "María Experta" in to_requester
    assert "maria.experta@example.org" in to_requester
    assert "https://www.linkedin.com/in/maria-experta" in to_requester
    assert other_expert.user.email not in to_requester
    to_expert = _bodies(expert.user.email)
    assert "Rosa Ortega" in to_expert
    assert REQUESTER in to_expert
    assert REQUESTER not in _bodies(other_expert.user.email)


def test_a_declined_enquiry_sends_the_reason_to_the_requester(searching, broker):
    workflow.enquiry_decline(enquiry=searching, by=broker, reason="Nadie en la red cubre Asia.")
    body = _bodies(REQUESTER)
    assert "Nadie en la red cubre Asia." in body
    assert "/consultas/seguimiento/" in body


def test_a_broker_hears_of_an_overdue_enquiry(broker, other_broker):
    mine = EnquiryFactory(broker=broker, status=Status.ASSIGNED, organisation="Tarde SA")
    nobodys = EnquiryFactory(organisation="Huérfana SA")
    with time_machine.travel(datetime.timedelta(days=6)):
        workflow.enquiries_flag_overdue()
    assert "Tarde SA" in _bodies(broker.email)
    assert "Tarde SA" not in _bodies(other_broker.email)
    assert "Huérfana SA" in _bodies(other_broker.email)
    assert mine.pk != nobodys.pk


def test_the_expert_answers_through_the_signed_link_and_a_stranger_cannot(
    searching, broker, expert, other_expert
):
    candidate = shortlist.candidate_add(enquiry=searching, expert=expert, by=broker)
    not_asked = shortlist.candidate_add(enquiry=searching, expert=other_expert, by=broker)
    # Shortlisted but never asked: no link works for them, and they see nothing.
    forged = introductions.answer_token(not_asked)
    assert Client().get(reverse("enquiries:answer", args=[forged])).status_code == 404
    introductions.candidate_ask(candidate=candidate, by=broker)
    token = introductions.answer_token(candidate)
    url = reverse("enquiries:answer", args=[token])
    anonymous = Client()
    page = anonymous.get(url)
    assert page.status_code == 200
    assert "Tequilería de Guadalajara" in page.content.decode()
    response = anonymous.post(url, {"answer": "decline", "reason": ""})
    assert response.status_code == 400
    assert anonymous.get(reverse("enquiries:answer", args=[token[:-3] + "abc"])).status_code == 404
    with time_machine.travel(datetime.timedelta(days=8)):
        assert anonymous.post(url, {"answer": "accept"}).status_code == 410
    anonymous.post(url, {"answer": "accept"})
    searching.refresh_from_db()
    assert searching.status == Status.INTRODUCED


def test_an_expert_sees_only_the_introductions_they_were_asked_for(
    searching, broker, expert, other_expert
):
    asked = shortlist.candidate_add(enquiry=searching, expert=expert, by=broker)
    shortlist.candidate_add(enquiry=searching, expert=other_expert, by=broker)
    introductions.candidate_ask(candidate=asked, by=broker)
    client = Client()
    client.force_login(expert.user)
    assert "Tequilería de Guadalajara" in client.get(reverse("enquiries:my_asks")).content.decode()
    client.force_login(other_expert.user)
    body = client.get(reverse("enquiries:my_asks")).content.decode()
    assert "Tequilería de Guadalajara" not in body
