"""The mapping page counts the file's rows in words that agree with the number."""

import pytest
from django.test import Client
from django.urls import reverse

from imports.models import ImportJob
from profiles.models import User
from tests.factories.imports import csv_bytes, people, upload

pytestmark = pytest.mark.django_db


def test_a_file_of_one_row_says_one_row_not_one_rows(client: Client, staff: User) -> None:
    client.force_login(staff)
    client.post(reverse("imports:list"), {"file": upload(csv_bytes(people(1)), "uno.csv")})

    job = ImportJob.objects.get()
    page = client.get(reverse("imports:mapping", args=[job.pk])).content.decode()

    assert "uno.csv: 1 fila." in page
    assert "1 filas" not in page
