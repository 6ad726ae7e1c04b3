"""The screens: upload (and every bad file it refuses), mapping, preview, the rejected rows'
CSV (formula-safe), permissions (a 404 out of scope) and query budgets."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from imports.exports import cell_safe
from imports.models import ImportJob
from profiles.models import User
from tests.factories.imports import (
    XLSX,
    csv_bytes,
    imported_job,
    people,
    person,
    upload,
    validated_job,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db
LIST = reverse("imports:list")


def _upload(
    client: Client,
    data: bytes,
    name: str = "miembros.csv",
    content_type="text/csv",
    **extra: object,
):
    return client.post(LIST, {"file": upload(data, name, content_type), **extra})


def _bomb() -> bytes:
    """Tiny on disk, huge once unzipped (a real bomb nests more; the ratio gives it away)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (20 * 1024 * 1024))
    return buffer.getvalue()


BAD_FILES = [
    ("empty", b"", "vacio.csv", "text/csv", "El archivo está vacío."),
    (
        "garbage",
        b"\x00\x01\x02binario\xff" * 50,
        "basura.csv",
        "text/csv",
        "El archivo no es un CSV de texto: ¿subiste otro tipo de archivo?",
    ),
    ("extension", b"%PDF-1.4", "cv.pdf", "application/pdf", "Sube un archivo .csv o .xlsx."),
    (
        "content type",
        b"a,b\n1,2\n",
        "datos.csv",
        "image/png",
        "El archivo no parece un .csv: revisa que sea la hoja de cálculo correcta.",
    ),
    (
        "not a zip",
        b"PK\x03\x04roto" * 10,
        "roto.xlsx",
        XLSX,
        "El archivo no es un .xlsx válido: ábrelo y guárdalo de nuevo como Excel.",
    ),
    (
        "headers only",
        csv_bytes([]),
        "encabezados.csv",
        "text/csv",
        "El archivo solo tiene encabezados, sin filas.",
    ),
]


@pytest.mark.parametrize(
    ("data", "name", "content_type", "message"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_a_bad_file_gets_a_clear_error_and_no_job(
    client: Client, staff: User, data: bytes, name: str, content_type: str, message: str
) -> None:
    client.force_login(staff)
    response = _upload(client, data, name, content_type)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_zip_bomb_disguised_as_xlsx_is_refused_before_opening(
    client: Client, staff: User
) -> None:
    client.force_login(staff)
    response = _upload(client, _bomb(), "bomba.xlsx", XLSX)
    assert "El .xlsx se descomprime en algo demasiado grande: no lo abrimos." in (
        response.content.decode()
    )
    assert not ImportJob.objects.exists()


def test_a_50_mb_file_is_refused(client: Client, staff: User) -> None:
    client.force_login(staff)
    response = _upload(client, b"a" * (50 * 1024 * 1024), "enorme.csv")
    assert response.status_code == 200
    assert "El archivo pesa más de 10 MB: divídelo en partes." in response.content.decode()


def test_too_many_rows_are_refused(client: Client, staff: User, settings) -> None:
    settings.IMPORTS_MAX_ROWS = 3
    client.force_login(staff)
    response = _upload(client, csv_bytes(people(4)))
    assert "El archivo tiene más de 3 filas: divídelo en partes." in response.content.decode()


def test_a_latin1_csv_with_semicolons_is_read(client: Client, staff: User) -> None:
    client.force_login(staff)
    text = "Nombre;Correo\nJosé Pérez;jose@example.org\n"
    response = _upload(client, text.encode("latin-1"))
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:mapping", args=[job.pk])
    assert job.headers == ["Nombre", "Correo"]
    assert job.rows.get().values == ["José Pérez", "jose@example.org"]


def test_xlsx_formulas_are_read_as_values_never_run(client: Client, staff: User) -> None:
    client.force_login(staff)
    data = xlsx_bytes(
        [["Ana", '=HYPERLINK("http://malo")'], ["Luis", "luis@example.org"]],
        headers=["Nombre", "Correo"],
    )
    _upload(client, data, "miembros.xlsx", XLSX)
    job = ImportJob.objects.get()
    # A formula without a saved value reads as empty: nothing is evaluated.
    assert list(job.rows.values_list("values", flat=True)) == [
        ["Ana", ""],
        ["Luis", "luis@example.org"],
    ]


def test_staff_upload_then_map_then_see_the_preview(client: Client, staff: User) -> None:
    client.force_login(staff)
    response = _upload(client, xlsx_bytes(people(3, bad_every=3)), "miembros.xlsx", XLSX)
    job = ImportJob.objects.get()
    mapping = client.get(response.url)
    assert mapping.status_code == 200
    assert 'value="email" selected' in mapping.content.decode()
    data = {f"col_{i}": name for i, name in job.mapping.items()} or {
        "col_0": "name",
        "col_1": "email",
        "col_3": "country",
    }
    response = client.post(reverse("imports:mapping", args=[job.pk]), {**data, "save_as": ""})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATING
    assert job.mapping == {"0": "name", "1": "email", "3": "country"}


def test_mapping_without_the_email_column_is_refused(client: Client, staff: User) -> None:
    client.force_login(staff)
    job = validated_job(people(1), staff)
    response = client.post(reverse("imports:mapping", args=[job.pk]), {"col_0": "name"})
    assert response.status_code == 200
    assert "Indica qué columna trae: Correo electrónico." in response.content.decode()


def test_the_rejected_rows_csv_guards_against_formulas(client: Client, staff: User) -> None:
    client.force_login(staff)
    rows = [person(1, name="=cmd|' /C calc'!A0", email="@malo"), person(2)]
    job = validated_job(rows, staff)
    response = client.get(reverse("imports:rejected_csv", args=[job.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("fila,motivo,Nombre completo,")
    assert lines[1].startswith("2,Correo electrónico inválido: «@malo».,'=cmd|' /C calc'!A0,'@malo")
    assert len(lines) == 2


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_cell_safe_quotes_every_formula_start(value: str) -> None:
    assert cell_safe(value) == "'" + value


def test_cell_safe_leaves_plain_text_alone() -> None:
    assert cell_safe("María") == "María"


@pytest.mark.parametrize("persona", ["stranger", "expert_owner", "liaison", "chapter_member"])
def test_people_without_the_role_do_not_find_imports(
    request: pytest.FixtureRequest, client: Client, staff: User, persona: str
) -> None:
    job = validated_job(people(1), staff)
    client.force_login(request.getfixturevalue(persona))
    for url in (
        LIST,
        reverse("imports:detail", args=[job.pk]),
        reverse("imports:mapping", args=[job.pk]),
        reverse("imports:rejected_csv", args=[job.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("imports:start", args=[job.pk])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_coordinator_imports_into_their_chapter_only(
    client: Client, coordinator: User, chapter, other_coordinator: User, staff: User
) -> None:
    client.force_login(coordinator)
    assert _upload(client, csv_bytes(people(1)), chapter=chapter.pk).status_code == 302
    own = ImportJob.objects.get()
    assert own.chapter == chapter
    # Without a chapter (staff's kind of import) the form refuses.
    response = _upload(client, csv_bytes(people(1)))
    assert response.status_code == 200
    staff_job = validated_job(people(1), staff)
    assert client.get(reverse("imports:detail", args=[staff_job.pk])).status_code == 404
    assert client.get(reverse("imports:detail", args=[own.pk])).status_code == 200
    client.force_login(other_coordinator)
    assert client.get(reverse("imports:detail", args=[own.pk])).status_code == 404


def test_the_preview_page_reads_a_bounded_number_of_queries(
    client: Client, staff: User, django_assert_max_num_queries
) -> None:
    job = validated_job(people(120, bad_every=2), staff)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("imports:detail", args=[job.pk]))
    assert response.content.decode().count('data-testid="preview-row"') == 50
    with django_assert_max_num_queries(12):
        client.get(LIST)


def test_the_result_page_shows_what_was_done(client: Client, staff: User) -> None:
    job = imported_job([*people(2), person(3, email="")], staff)
    client.force_login(staff)
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert 'data-testid="count-new">2<' in page
    assert 'data-testid="count-rejected">1<' in page
    assert "Falta el correo electrónico." in page
