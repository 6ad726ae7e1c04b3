import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from enquiries import tasks
from enquiries.choices import Status
from enquiries.models import Enquiry
from enquiries.services import intake
from enquiries.services import mail as enquiry_mail

pytestmark = pytest.mark.django_db
CREATE = reverse("enquiries:create")

VALID = {
    "organisation": "Muebles Tapatíos S.A.",
    "person_name": "Jorge Villaseñor",
    "email": "jorge@muebles-tapatios.example",
    "text": "Queremos vender nuestros muebles en Texas y buscamos a alguien que conozca "
    "la distribución minorista allí.",
    "type": "market_entry",
    "sector": "private",
    "countries": ["US"],
    "urgency": "normal",
    "language": "es",
}


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Ids handed to the confirmation task (the queue is the seam; the e-mail is rendered by
    calling the service the task wraps)."""
    sent: list[int] = []
    monkeypatch.setattr(tasks.confirmation_send, "delay", sent.append)
    return sent


def _link(body: str, name: str) -> str:
    match = re.search(r"http://\S+/consultas/" + name + r"/\S+/", body)
    assert match, body
    return match.group(0).split("127.0.0.1:8000", 1)[-1]


def test_a_firm_without_account_enters_the_queue_only_after_confirming_its_email(
    anonymous: Client, queued: list[int]
):
    response = anonymous.post(CREATE, VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("enquiries:sent")
    enquiry = Enquiry.objects.get()
    assert enquiry.status == Status.UNCONFIRMED
    assert not Enquiry.objects.confirmed().exists()
    assert queued == [enquiry.pk]

    assert enquiry_mail.confirmation_send(enquiry_id=enquiry.pk)
    (message,) = mail.outbox
    assert message.to == ["jorge@muebles-tapatios.example"]
    confirm = _link(message.body, "confirmar")
    assert anonymous.get(confirm).status_code == 200
    enquiry.refresh_from_db()
    assert enquiry.confirmed_at is None  # opening the link confirms nothing

    response = anonymous.post(confirm)
    enquiry.refresh_from_db()
    assert enquiry.status == Status.NEW
    assert list(Enquiry.objects.open()) == [enquiry]
    status_page = anonymous.get(response["Location"])
    assert status_page.status_code == 200
    assert 'data-status="new"' in status_page.content.decode()
    assert response["Location"] == _link(message.body, "seguimiento")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({key: "" for key in VALID}, "organisation"),
        ({"email": "jorge-at-muebles"}, "email"),
        ({"text": "x" * 4001}, "text"),
        ({"text": "corto"}, "text"),
        ({"organisation": "M" * 201}, "organisation"),
        ({"type": "<script>alert(1)</script>"}, "type"),
        ({"countries": ["XX"]}, "countries"),
    ],
)
def test_bad_input_gets_a_field_error_and_writes_nothing(anonymous, queued, changes, field):
    response = anonymous.post(CREATE, {**VALID, **changes})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Enquiry.objects.exists()
    assert queued == []


def test_html_in_the_text_is_kept_as_text_and_never_rendered(anonymous, queued, broker):
    html = "<script>alert('x')</script><b>Necesitamos</b> un socio técnico en Alemania."
    anonymous.post(CREATE, {**VALID, "text": html})
    enquiry = Enquiry.objects.get()
    intake_page = anonymous.get(
        reverse("enquiries:requester", args=[intake.requester_token(enquiry)])
    )
    body = intake_page.content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body


def test_a_filled_honeypot_looks_like_success_and_writes_nothing(anonymous, queued):
    response = anonymous.post(CREATE, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Enquiry.objects.exists()
    assert queued == []


def test_repeated_submissions_from_one_address_are_refused_with_a_clear_message(
    anonymous, queued, settings
):
    settings.ENQUIRIES_RATE_PER_EMAIL = "3/day"
    for _ in range(3):
        assert anonymous.post(CREATE, VALID).status_code == 302
    response = anonymous.post(CREATE, VALID)
    assert response.status_code == 429
    assert "demasiadas consultas" in response.content.decode()
    assert Enquiry.objects.count() == 3


def test_one_ip_is_limited_even_with_different_addresses_and_invalid_posts(
    anonymous, queued, settings
):
    settings.ENQUIRIES_RATE_PER_IP = "2/hour"
    anonymous.post(CREATE, {**VALID, "email": "uno@a.example"})
    anonymous.post(CREATE, {**VALID, "email": "not-an-email"})
    response = anonymous.post(CREATE, {**VALID, "email": "tres@a.example"})
    assert response.status_code == 429
    assert Enquiry.objects.count() == 1


def test_a_tampered_or_expired_confirmation_link_confirms_nothing(anonymous, queued):
    anonymous.post(CREATE, VALID)
    enquiry = Enquiry.objects.get()
    token = intake.confirmation_token(enquiry)
    assert anonymous.post(reverse("enquiries:confirm", args=[token[:-2] + "xx"])).status_code == 404
    assert anonymous.get(reverse("enquiries:confirm", args=["\x00"])).status_code == 404
    with time_machine.travel(datetime.timedelta(days=8)):
        assert anonymous.post(reverse("enquiries:confirm", args=[token])).status_code == 410
    enquiry.refresh_from_db()
    assert enquiry.confirmed_at is None


def test_the_requester_deletes_the_enquiry_through_its_link(anonymous, enquiry):
    token = intake.requester_token(enquiry)
    response = anonymous.post(reverse("enquiries:requester_delete", args=[token]))
    assert response.status_code == 302
    assert not Enquiry.objects.exists()
    assert anonymous.get(reverse("enquiries:requester", args=[token])).status_code == 404


def test_a_signed_in_member_sends_an_enquiry_that_is_confirmed_at_once(
    client, liaison, institution, queued
):
    client.force_login(liaison)
    page = client.get(CREATE)
    assert "email" not in page.context["form"].fields
    data = {k: v for k, v in VALID.items() if k not in ("email", "organisation")}
    response = client.post(CREATE, {**data, "institution": institution.pk})
    enquiry = Enquiry.objects.get()
    assert response.status_code == 302
    assert enquiry.status == Status.NEW
    assert enquiry.email == liaison.email
    assert enquiry.organisation == institution.name
    assert enquiry.institution == institution
    assert enquiry.submitted_by == liaison
    assert queued == []


def test_the_form_and_the_queue_speak_english_too(broker):
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    body = english.get(CREATE).content.decode()
    assert "Ask the network for an introduction" in body
    assert "What do you need?" in body
    english.force_login(broker)
    assert "Workload per broker" in english.get(reverse("enquiries:queue")).content.decode()
