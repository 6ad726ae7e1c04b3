"""An .xlsx whose workbook opens but whose cells are broken: openpyxl reads rows lazily, so
the damage shows only while reading them."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from imports.models import ImportJob
from profiles.models import User
from tests.factories.imports import XLSX, people, upload, xlsx_bytes

pytestmark = pytest.mark.django_db
SHEET = (
    "<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
    "<sheetData><row r='1'>{cell}</row></sheetData></worksheet>"
)


def _with_sheet(cell: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(people(2))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = SHEET.format(cell=cell).encode()
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "cell",
    [
        "<c r='A1' t='s'><v>999</v></c>",  # a shared string that is not there
        "<c r='A1' t='n'><v>abc</v></c>",  # a number that is not one
        "<c r='A1' t='d'><v>no es fecha</v></c>",  # a date that is not one
        "<c r='ZZZZZ1'><v>1</v></c>",  # a column past XFD
    ],
    ids=["shared string", "number", "date", "column"],
)
def test_an_xlsx_with_broken_cells_gets_a_clear_error_not_a_500(
    client: Client, staff: User, cell: str
) -> None:
    client.force_login(staff)
    data = _with_sheet(cell)
    response = client.post(reverse("imports:list"), {"file": upload(data, "m.xlsx", XLSX)})
    assert response.status_code == 200
    assert "No pudimos abrir el .xlsx: ábrelo y guárdalo de nuevo como Excel." in (
        response.content.decode()
    )
    assert not ImportJob.objects.exists()
