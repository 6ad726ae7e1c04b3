"""Which sheet of a workbook is read: the first one holding anything, so a blank first tab
(the data pasted into the second) is not reported as a file without rows."""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from imports.models import ImportJob
from profiles.models import User
from tests.factories.imports import XLSX, upload

pytestmark = pytest.mark.django_db


def _workbook(*sheets: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for number, rows in enumerate(sheets, start=1):
        sheet = book.create_sheet(f"Hoja{number}")
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_blank_first_sheet_is_skipped_for_the_first_with_data(client: Client, staff: User):
    client.force_login(staff)
    data = _workbook([], [["Nombre", "Correo"], ["Ana Pérez", "ana@example.org"]])

    response = client.post(reverse("imports:list"), {"file": upload(data, "m.xlsx", XLSX)})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.headers == ["Nombre", "Correo"]
    assert job.rows.get().values == ["Ana Pérez", "ana@example.org"]


def test_a_workbook_without_any_value_is_still_refused(client: Client, staff: User):
    client.force_login(staff)

    response = client.post(
        reverse("imports:list"), {"file": upload(_workbook([], []), "m.xlsx", XLSX)}
    )

    assert "El archivo no tiene filas." in response.content.decode()
    assert not ImportJob.objects.exists()
