"""Partner systems submit enquiries with a key (scope enquiries:submit) and follow their
status; webhook enquiry.status_changed. Nothing about experts travels through the API."""

import pytest

from enquiries.models import Enquiry
from enquiries.services import introductions, shortlist, workflow
from partners.payloads import event_content
from tests.api.conftest import client_with, iso
from tests.factories.enquiries import EnquiryFactory
from tests.factories.partners import WebhookSubscriptionFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/enquiries/"
BODY = {
    "organisation": "Agroexportadora de Jalisco",
    "person_name": "Rosa Ortega",
    "email": "rosa@agro.example",
    "text": "Buscamos un socio en Países Bajos para la cadena de frío de berries.",
    "type": "market_entry",
    "countries": ["NL"],
}


@pytest.fixture
def chamber(make_key):
    """A chamber of commerce's CRM: a partner organisation's key with the new scope."""
    return make_key(["enquiries:submit"], partner_name="Cámara de Comercio de Guadalajara")


def test_a_partner_submits_an_enquiry_that_enters_the_queue_and_follows_it(chamber):
    key, plaintext = chamber
    client = client_with(plaintext)
    response = client.post(URL, BODY, format="json")
    assert response.status_code == 201
    enquiry = Enquiry.objects.get()
    assert enquiry.status == "new"
    assert enquiry.partner_key_id == key.pk
    assert enquiry.channel == "api"
    assert response.json() == {
        "id": str(enquiry.public_id),
        **BODY,
        "sector": "",
        "urgency": "normal",
        "language": "es",
        "status": "new",
        "decline_reason": "",
        "outcome": "",
        "created_at": iso(enquiry.created_at),
        "confirmed_at": iso(enquiry.confirmed_at),
        "first_response_at": None,
        "introduced_at": None,
        "closed_at": None,
    }
    listed = client.get(URL).json()
    assert [row["id"] for row in listed["results"]] == [str(enquiry.public_id)]
    assert client.get(f"{URL}{enquiry.public_id}/").json()["status"] == "new"


def test_bad_input_is_a_400_with_field_errors_and_writes_nothing(chamber):
    client = client_with(chamber[1])
    response = client.post(URL, {**BODY, "email": "rosa", "text": "x" * 5000}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"email", "text"}
    assert not Enquiry.objects.exists()


def test_a_key_without_the_scope_or_another_keys_enquiry_is_refused(chamber, make_key):
    other_key, other_plain = make_key(["enquiries:submit"], partner_name="Otra cámara")
    theirs = EnquiryFactory(partner_key_id=other_key.pk)
    mine = client_with(chamber[1])
    assert mine.get(f"{URL}{theirs.public_id}/").status_code == 404
    assert mine.get(URL).json()["results"] == []
    no_scope = client_with(make_key(["experts:read"], partner_name="Lectora")[1])
    assert no_scope.post(URL, BODY, format="json").status_code == 403
    assert no_scope.get(URL).status_code == 403
    assert client_with(None).get(URL).status_code in (401, 403)


def test_the_api_shows_no_expert_before_or_after_the_introduction(chamber, broker, expert):
    client = client_with(chamber[1])
    public_id = client.post(URL, BODY, format="json").json()["id"]
    enquiry = Enquiry.objects.get(public_id=public_id)
    workflow.enquiry_assign(enquiry=enquiry, broker=broker, by=broker)
    workflow.enquiry_start_search(enquiry=enquiry, by=broker)
    candidate = shortlist.candidate_add(enquiry=enquiry, expert=expert, by=broker)
    introductions.candidate_ask(candidate=candidate, by=broker)
    asked = client.get(f"{URL}{public_id}/").content.decode()
    introductions.candidate_accept(candidate=candidate)
    introduced = client.get(f"{URL}{public_id}/")
    assert introduced.json()["status"] == "introduced"
    for body in (asked, introduced.content.decode()):
        assert expert.user.email not in body
        assert expert.user.name not in body


def test_status_changes_become_a_webhook_for_the_key_that_sent_the_enquiry(chamber, make_key):
    key, _plain = chamber
    own = WebhookSubscriptionFactory(
        institution=None, partner_key=key, events=["enquiry.status_changed"]
    )
    other_key, _ = make_key(["enquiries:submit"], partner_name="Otra cámara")
    WebhookSubscriptionFactory(
        institution=None, partner_key=other_key, events=["enquiry.status_changed"]
    )
    enquiry = EnquiryFactory(partner_key_id=key.pk, status="declined", decline_reason="No.")
    content = event_content("enquiry.status_changed", {"enquiry_id": enquiry.pk})
    assert list(content.audience) == [own]
    assert content.data == {
        "enquiry": {
            "id": str(enquiry.public_id),
            "status": "declined",
            "type": "market_entry",
            "outcome": "",
            "url": f"https://puentes.example.org/api/v1/enquiries/{enquiry.public_id}/",
        }
    }
