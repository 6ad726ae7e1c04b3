"""Cells PostgreSQL or an account cannot hold: a NUL past the sniffed start, an over-long
email address."""

import pytest
from django.test import Client
from django.urls import reverse

from imports.models import ImportJob
from profiles.models import User
from tests.factories.imports import csv_bytes, imported_job, people, person, upload

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


def test_an_email_too_long_for_an_account_is_rejected_in_the_preview_not_at_import(
    staff: User,
) -> None:
    email = "a" * 64 + "@" + ".".join(["b" * 50] * 4) + ".com"  # 272: valid, yet over 254
    job = imported_job([person(1, email=email), person(2)], staff)
    assert job.status == ImportJob.Status.DONE
    assert job.dry_run["rejected"] == 1
    assert job.rows.get(number=2).errors == [f"Correo electrónico inválido: «{email}»."]
