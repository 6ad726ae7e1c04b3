"""The expert's side of introductions: a second answer (a second tab, the back button) is told
why nothing changed, and the list of asks comes a page at a time."""

import pytest
from django.test import Client
from django.urls import reverse

from enquiries.choices import CandidateState, Status
from enquiries.services import introductions, shortlist
from enquiries.views import experts
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


def test_the_list_of_asks_is_paginated(broker, expert, monkeypatch):
    monkeypatch.setattr(experts, "ASKS_PER_PAGE", 2)
    expert.introductions_per_quarter = 3
    expert.save(update_fields=["introductions_per_quarter"])
    for organisation in ["Primera SA", "Segunda SA", "Tercera SA"]:
        enquiry = EnquiryFactory(broker=broker, status=Status.SEARCHING, organisation=organisation)
        candidate = shortlist.candidate_add(enquiry=enquiry, expert=expert, by=broker)
        introductions.candidate_ask(candidate=candidate, by=broker)
    client = Client()
    client.force_login(expert.user)

    first = client.get(reverse("enquiries:my_asks")).content.decode()
    second = client.get(reverse("enquiries:my_asks"), {"page": 2}).content.decode()

    assert ("Tercera SA" in first, "Segunda SA" in first, "Primera SA" in first) == (
        True,
        True,
        False,
    )
    assert 'rel="next"' in first
    assert ("Primera SA" in second, "Tercera SA" in second) == (True, False)
