"""The funnel reads from the need to the outcomes, in its steps' order, on the page and in
the downloads (the stored snapshot does not keep the order its keys were written in)."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from observatory import services
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

STEPS = ["needs", "suggestions", "interests", "invitations", "accepted", "engagements", "outcomes"]


def test_the_funnel_download_lists_its_steps_from_the_need_to_the_outcomes(
    client: Client,
) -> None:
    PublishedProjectFactory()
    month = timezone.now().date().replace(day=1)
    services.snapshot_compute(period=month, now=timezone.now() + datetime.timedelta(days=1))

    url = reverse("observatory:download", kwargs={"table": "funnel", "fmt": "csv"})
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))

    assert [row["key"] for row in rows] == STEPS
