"""A need of one month reads "durante 1 mes", on its page and on its card in the list."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_a_one_month_need_says_one_month_on_its_page_and_card(client: Client):
    project = PublishedProjectFactory(hours_per_month=10, duration_months=1)

    pages = [
        client.get(reverse("projects:detail", args=[project.pk])).content.decode(),
        client.get(reverse("projects:list")).content.decode(),
    ]

    assert ["10 h al mes durante 1 mes" in page for page in pages] == [True, True]
    assert ["1 meses" in page for page in pages] == [False, False]


def test_longer_needs_still_count_months(client: Client):
    project = PublishedProjectFactory(hours_per_month=8, duration_months=6)

    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert "8 h al mes durante 6 meses" in page
