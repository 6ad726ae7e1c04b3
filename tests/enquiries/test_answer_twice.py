"""An expert who answers an introduction from a second tab (or presses back and sends the other
answer) is told why nothing changed: the answer stands and the page says it was given already."""

import pytest
from django.test import Client
from django.urls import reverse

from enquiries.choices import CandidateState, Status
from enquiries.services import introductions, shortlist
from tests.factories.enquiries import EnquiryFactory

pytestmark = pytest.mark.django_db


def test_a_second_answer_is_refused_with_a_message(broker, expert):
    enquiry = EnquiryFactory(broker=broker, status=Status.SEARCHING)
    candidate = shortlist.candidate_add(enquiry=enquiry, expert=expert, by=broker)
    introductions.candidate_ask(candidate=candidate, by=broker)
    url = reverse("enquiries:answer", args=[introductions.answer_token(candidate)])
    client = Client()
    client.post(url, {"answer": "accept"})

    response = client.post(url, {"answer": "decline", "reason": "Ya no puedo"})

    assert response.status_code == 400
    assert "Esta pregunta ya fue respondida." in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.state == CandidateState.ACCEPTED
