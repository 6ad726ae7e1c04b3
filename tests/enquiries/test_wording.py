"""The enquiry pages speak the Spanish of the network's people (ustedes, never vosotros): "os
enviaremos" reads as Spain's Spanish in a Mexican network."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from enquiries.choices import Status
from enquiries.services import introductions, shortlist
from tests.factories.enquiries import EnquiryFactory

pytestmark = pytest.mark.django_db

VOSOTROS = re.compile(r"\b[Oo]s (enviaremos|enviamos|presentará)\b")


def test_the_request_form_and_the_answer_page_say_les_not_os(broker, expert):
    enquiry = EnquiryFactory(broker=broker, status=Status.SEARCHING)
    candidate = shortlist.candidate_add(enquiry=enquiry, expert=expert, by=broker)
    introductions.candidate_ask(candidate=candidate, by=broker)
    url = reverse("enquiries:answer", args=[introductions.answer_token(candidate)])
    client = Client()

    pages = [
        client.get(reverse("enquiries:create")).content.decode(),
        client.get(url).content.decode(),
        client.post(url, {"answer": "accept"}, follow=True).content.decode(),
    ]

    assert [VOSOTROS.findall(page) for page in pages] == [[], [], []]
    assert "Les enviamos los datos de contacto a ambos." in pages[2]
