"""The enquiry form speaks the reader's language: its lists are translated when the page is
drawn, not once when the code was loaded."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_countries_of_an_enquiry_are_named_in_the_readers_language(client: Client) -> None:
    client.cookies["django_language"] = "en"
    # The middleware activates the page's language in this thread: restore it afterwards.
    with translation.override(translation.get_language()):
        html = client.get(reverse("enquiries:create")).content.decode()

    assert ">Germany</option>" in html
    assert ">Alemania</option>" not in html
