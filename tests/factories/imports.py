"""Spreadsheets for import tests, built in memory: rows of people, some of them bad."""

import csv
import io
from collections.abc import Iterable

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from imports import services
from imports.fields import mapping_guess
from imports.models import ImportJob
from profiles.models import User

HEADERS = [
    "Nombre completo",
    "Correo electrónico",
    "ORCID iD",
    "País de residencia",
    "Ciudad",
    "Estado de origen",
    "Habilidades",
    "Campos",
    "Idiomas",
    "Organización",
    "Puesto",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def person(n: int, **changes: str) -> list[str]:
    row = {
        "name": f"Persona Importada {n:05d}",
        "email": f"importada{n}@example.org",
        "orcid": "",
        "country": "Estados Unidos" if n % 2 else "Spain",
        "city": "Houston" if n % 2 else "Madrid",
        "state": "Michoacán" if n % 3 else "14",
        "skills": "Python; análisis de datos",
        "fields": "Matemáticas, 1.2",
        "languages": "es (nativo); inglés: C1",
        "organisation": "Universidad de Houston",
        "position": "Investigadora",
    }
    row.update(changes)
    return list(row.values())


def people(count: int, bad_every: int = 0) -> list[list[str]]:
    """`count` people; every `bad_every`-th has an invalid e-mail address."""
    rows = []
    for n in range(1, count + 1):
        bad = bad_every and n % bad_every == 0
        rows.append(person(n, email="no-es-un-correo") if bad else person(n))
    return rows


def csv_bytes(rows: Iterable[list[str]], headers: list[str] = HEADERS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: Iterable[list[object]], headers: list[str] = HEADERS) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "miembros.csv", content_type: str = "text/csv"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def validated_job(rows: list[list[str]], by: User, chapter=None) -> ImportJob:
    """A job from these rows (CSV), columns guessed, validated in this process."""
    data = csv_bytes(rows)
    job = services.job_create(
        by=by,
        chapter=chapter,
        name="miembros.csv",
        size=len(data),
        content_type="text/csv",
        stream=io.BytesIO(data),
    )
    job = services.job_map(job=job, mapping=mapping_guess(job.headers), by=by)
    return services.job_validate(job=job)


def imported_job(rows: list[list[str]], by: User, chapter=None) -> ImportJob:
    job = services.job_start(job=validated_job(rows, by, chapter), by=by)
    for _cursor in services.job_import_chunks(job_id=job.pk):
        pass
    job.refresh_from_db()
    return job
