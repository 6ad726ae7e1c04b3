import pytest
from django.test import Client
from django.urls import reverse

from enquiries.choices import EntryKind, Status
from enquiries.models import Candidate, Enquiry, Note
from enquiries.services import workflow
from enquiries.services.intake import requester_token
from tests.factories.enquiries import EnquiryFactory
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_broker_takes_an_enquiry_starts_searching_and_writes_a_note(broker, enquiry):
    client = _client(broker)
    assert client.get(reverse("enquiries:detail", args=[enquiry.pk])).status_code == 200
    client.post(reverse("enquiries:take", args=[enquiry.pk]))
    client.post(reverse("enquiries:start_search", args=[enquiry.pk]))
    client.post(reverse("enquiries:note", args=[enquiry.pk]), {"text": "Llamar el lunes."})
    enquiry.refresh_from_db()
    assert enquiry.broker == broker
    assert enquiry.status == Status.SEARCHING
    assert Note.objects.get().text == "Llamar el lunes."
    page = client.get(reverse("enquiries:detail", args=[enquiry.pk])).content.decode()
    assert "Llamar el lunes." in page
    assert "compras@agave.example" in page  # the requester's data: brokers only


def test_a_broker_hands_an_enquiry_over_to_another_broker(broker, other_broker, enquiry):
    workflow.enquiry_assign(enquiry=enquiry, broker=broker, by=broker)
    _client(broker).post(
        reverse("enquiries:assign", args=[enquiry.pk]), {"broker": other_broker.pk}
    )
    enquiry.refresh_from_db()
    assert enquiry.broker == other_broker
    assert enquiry.timeline.last().kind == EntryKind.REASSIGNED


def test_declining_sends_the_reason_and_an_empty_reason_is_refused(broker, enquiry):
    client = _client(broker)
    response = client.post(reverse("enquiries:decline", args=[enquiry.pk]), {"reason": ""})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Status.NEW
    client.post(reverse("enquiries:decline", args=[enquiry.pk]), {"reason": "Fuera de alcance."})
    enquiry.refresh_from_db()
    assert enquiry.status == Status.DECLINED
    assert enquiry.decline_reason == "Fuera de alcance."


def test_a_refused_step_is_a_message_not_an_error(broker, enquiry):
    client = _client(broker)
    response = client.post(
        reverse("enquiries:close", args=[enquiry.pk]), {"outcome": "contract"}, follow=True
    )
    assert response.status_code == 200
    assert "no puede pasar" in response.content.decode()


def test_the_queue_hides_unconfirmed_enquiries_and_filters(broker, other_broker, enquiry):
    EnquiryFactory(organisation="Sin confirmar SA", status="unconfirmed", confirmed_at=None)
    mine = EnquiryFactory(organisation="Mía SA", broker=broker, status="assigned")
    client = _client(broker)
    body = client.get(reverse("enquiries:queue")).content.decode()
    assert "Agave Azul de Jalisco" in body
    assert "Mía SA" in body
    assert "Sin confirmar SA" not in body
    body = client.get(reverse("enquiries:queue") + "?show=mine").content.decode()
    assert "Mía SA" in body
    assert "Agave Azul" not in body
    assert mine.pk


def test_the_queue_and_workload_keep_their_query_budget(
    broker, other_broker, django_assert_max_num_queries
):
    for i in range(30):
        EnquiryFactory(broker=broker if i % 2 else other_broker, status="assigned")
    client = _client(broker)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("enquiries:queue")).status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get(reverse("enquiries:workload"))
    rows = {row.broker.pk: row for row in response.context["rows"]}
    assert rows[broker.pk].assigned == 15
    assert rows[other_broker.pk].assigned == 15


BROKER_PAGES = ["queue", "workload"]
ENQUIRY_PAGES = ["detail", "shortlist"]
ENQUIRY_ACTIONS = [
    ("take", {}),
    ("assign", {"broker": "BROKER"}),
    ("start_search", {}),
    ("decline", {"reason": "No."}),
    ("close", {"outcome": "contract"}),
    ("note", {"text": "Nota."}),
    ("tag", {}),
    ("candidate_add", {"expert": "EXPERT"}),
]


@pytest.fixture
def taken(broker, other_expert) -> Enquiry:
    enquiry = EnquiryFactory(organisation="Tomada SA", broker=broker, status="assigned")
    Candidate.objects.create(enquiry=enquiry, expert=other_expert, source="directory")
    return enquiry


def _data(data: dict, broker, expert) -> dict:
    return {
        k: broker.pk if v == "BROKER" else expert.pk if v == "EXPERT" else v
        for k, v in data.items()
    }


def _ask_url(enquiry: Enquiry) -> str:
    return reverse("enquiries:candidate_ask", args=[enquiry.pk, enquiry.candidates.get().pk])


@pytest.mark.parametrize("persona", ["staff", "other_staff", "expert_owner", "liaison"])
def test_nobody_outside_the_brokers_group_sees_any_enquiry_page_or_action(
    request, persona, taken, broker, expert
):
    if persona == "other_staff":
        user = UserFactory(is_staff=True)
    else:
        user = request.getfixturevalue(persona)
    client = _client(user)
    for name in BROKER_PAGES:
        assert client.get(reverse(f"enquiries:{name}")).status_code == 404, name
    for name in ENQUIRY_PAGES:
        assert client.get(reverse(f"enquiries:{name}", args=[taken.pk])).status_code == 404
    for name, data in ENQUIRY_ACTIONS:
        response = client.post(
            reverse(f"enquiries:{name}", args=[taken.pk]), _data(data, broker, expert)
        )
        assert response.status_code == 404, name
    assert client.post(_ask_url(taken)).status_code == 404
    taken.refresh_from_db()
    assert taken.status == Status.ASSIGNED
    assert not taken.notes.exists()
    assert taken.candidates.get().state == "shortlisted"
    assert taken.candidates.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in_from_every_broker_page(anonymous, taken):
    for name in BROKER_PAGES:
        assert anonymous.get(reverse(f"enquiries:{name}")).status_code == 302
    for name in ENQUIRY_PAGES:
        assert anonymous.get(reverse(f"enquiries:{name}", args=[taken.pk])).status_code == 302
    assert anonymous.post(_ask_url(taken)).status_code == 302
    for name, data in ENQUIRY_ACTIONS:
        response = anonymous.post(reverse(f"enquiries:{name}", args=[taken.pk]), data)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_another_broker_may_look_but_not_act_on_a_taken_enquiry(
    other_broker, broker, taken, expert
):
    client = _client(other_broker)
    assert client.get(reverse("enquiries:detail", args=[taken.pk])).status_code == 200
    shortlist_page = client.get(reverse("enquiries:shortlist", args=[taken.pk]))
    assert shortlist_page.status_code == 200
    assert "Preguntarle" not in shortlist_page.content.decode()
    for name, data in ENQUIRY_ACTIONS:
        response = client.post(
            reverse(f"enquiries:{name}", args=[taken.pk]), _data(data, other_broker, expert)
        )
        assert response.status_code == 404, name
    assert client.post(_ask_url(taken)).status_code == 404
    assert taken.candidates.count() == 1
    taken.refresh_from_db()
    assert taken.broker == broker
    assert taken.status == Status.ASSIGNED


def test_the_requester_link_opens_only_its_own_enquiry(anonymous, enquiry, taken):
    body = anonymous.get(reverse("enquiries:requester", args=[requester_token(enquiry)]))
    assert "Agave Azul de Jalisco" in body.content.decode()
    assert "Tomada SA" not in body.content.decode()
    assert anonymous.get(reverse("enquiries:requester", args=["abc"])).status_code == 404
