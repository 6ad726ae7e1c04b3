"""Characters PostgreSQL cannot store, found where the binary sniffing does not look."""

import pytest
from django.test import Client
from django.urls import reverse

from imports.models import ImportJob
from profiles.models import User
from tests.factories.imports import csv_bytes, people, upload

pytestmark = pytest.mark.django_db


def test_a_nul_byte_past_the_sniffed_start_of_a_csv_is_dropped_not_a_500(
    client: Client, staff: User
) -> None:
    client.force_login(staff)
    head = csv_bytes(people(800))
    assert len(head) > 65536  # past what the binary check reads
    data = head + b"Ana\x00 Ruiz,ana@example.org\n"
    response = client.post(reverse("imports:list"), {"file": upload(data)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.rows.order_by("-number").first().values[:2] == ["Ana Ruiz", "ana@example.org"]
