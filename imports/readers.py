"""Reading an uploaded CSV or XLSX into a header and rows of text, refusing what is too big,
of the wrong kind or crafted to hurt (zip bombs). Every refusal is a ValidationError with a
sentence the person who uploaded can act on."""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

EXTENSIONS = (".csv", ".xlsx")
CONTENT_TYPES = {
    ".csv": {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", ""},
    ".xlsx": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/octet-stream",
        "application/zip",
        "",
    },
}
ENCODINGS = ("utf-8-sig", "latin-1")
MAX_CELL = 1000


@dataclass
class Sheet:
    headers: list[str]
    rows: list[list[str]]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.isoformat()
    # NUL cannot be stored by PostgreSQL; the binary check only reads the start of a file.
    return " ".join(str(value).replace("\x00", "").split())[:MAX_CELL]


def _check_upload(name: str, size: int, content_type: str) -> str:
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise ValidationError(_("Sube un archivo .csv o .xlsx."), code="extension")
    if content_type.split(";")[0].strip().lower() not in CONTENT_TYPES[extension]:
        raise ValidationError(
            _("El archivo no parece un %(kind)s: revisa que sea la hoja de cálculo correcta."),
            params={"kind": extension},
            code="content_type",
        )
    if size == 0:
        raise ValidationError(_("El archivo está vacío."), code="empty")
    limit = settings.IMPORTS_MAX_FILE_MB
    if size > limit * 1024 * 1024:
        raise ValidationError(
            _("El archivo pesa más de %(limit)s MB: divídelo en partes."),
            params={"limit": limit},
            code="too_big",
        )
    return extension


def _rows_limited(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    limit = settings.IMPORTS_MAX_ROWS
    for count, row in enumerate(rows, start=1):
        if count > limit + 1:  # the header does not count
            raise ValidationError(
                _("El archivo tiene más de %(limit)s filas: divídelo en partes."),
                params={"limit": limit},
                code="too_many_rows",
            )
        yield row


def _sheet(rows: Iterable[list[str]]) -> Sheet:
    non_empty = (row for row in _rows_limited(rows) if any(row))
    headers = next(non_empty, None)
    if not headers:
        raise ValidationError(_("El archivo no tiene filas."), code="empty")
    body = list(non_empty)
    if not body:
        raise ValidationError(_("El archivo solo tiene encabezados, sin filas."), code="empty")
    width = len(headers)
    return Sheet(headers=headers, rows=[(row + [""] * width)[:width] for row in body])


def _decode(data: bytes) -> str:
    if b"\x00" in data[:65536]:
        raise ValidationError(
            _("El archivo no es un CSV de texto: ¿subiste otro tipo de archivo?"), code="binary"
        )
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("No pudimos leer el texto del archivo."), code="encoding")


def read_csv(data: bytes) -> Sheet:
    text = _decode(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return _sheet([_text(cell) for cell in row] for row in reader)
    except csv.Error as error:
        raise ValidationError(_("El CSV está mal formado."), code="malformed") from error


def _check_zip(stream: IO[bytes]) -> None:
    """Refuse a zip whose declared uncompressed size or ratio betrays a bomb, before any
    XML parser sees it."""
    if not zipfile.is_zipfile(stream):
        raise ValidationError(
            _("El archivo no es un .xlsx válido: ábrelo y guárdalo de nuevo como Excel."),
            code="not_xlsx",
        )
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        members = archive.infolist()
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise ValidationError(
                _("El archivo no es un .xlsx válido: ábrelo y guárdalo de nuevo como Excel."),
                code="not_xlsx",
            )
        total = sum(member.file_size for member in members)
        packed = sum(member.compress_size for member in members) or 1
        if total > settings.IMPORTS_MAX_UNCOMPRESSED_MB * 1024 * 1024 or total / packed > 200:
            raise ValidationError(
                _("El .xlsx se descomprime en algo demasiado grande: no lo abrimos."),
                code="bomb",
            )
    stream.seek(0)


def _has_values(worksheet: Any) -> bool:
    return any(
        any(value not in (None, "") for value in row)
        for row in worksheet.iter_rows(values_only=True)
    )


def read_xlsx(stream: IO[bytes]) -> Sheet:
    _check_zip(stream)
    broken = ValidationError(
        _("No pudimos abrir el .xlsx: ábrelo y guárdalo de nuevo como Excel."), code="not_xlsx"
    )
    try:
        # data_only: a formula cell gives its saved value; nothing is ever evaluated.
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on broken files
        raise broken from error
    try:
        # The first sheet holding anything: a blank first tab is common, and it is not the data.
        worksheet = next(
            (sheet for sheet in workbook.worksheets if _has_values(sheet)),
            workbook.worksheets[0],
        )
        return _sheet(
            [_text(cell) for cell in row] for row in worksheet.iter_rows(values_only=True)
        )
    except ValidationError:
        raise
    except Exception as error:  # rows are read lazily: a broken cell fails only here
        raise broken from error
    finally:
        workbook.close()


def read_upload(*, name: str, size: int, content_type: str, stream: IO[bytes]) -> Sheet:
    """The header and rows of an uploaded spreadsheet; ValidationError when refused."""
    extension = _check_upload(name, size, content_type)
    if extension == ".csv":
        return read_csv(stream.read())
    return read_xlsx(stream)
