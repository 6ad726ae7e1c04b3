"""Benchmark of a bulk import (`make bench-import`, `manage.py bench_import`): a synthetic
XLSX of N people (3 % bad rows) read, validated and imported in this process, then the same
file again (nobody new). Mail goes to a dummy backend: SMTP is not what is measured. Writes to
the configured database, and removes what it wrote at the end."""

import io
import time
from collections.abc import Callable
from typing import Any

from django.test import override_settings
from openpyxl import Workbook

from imports import services
from imports.fields import mapping_guess
from imports.models import ImportJob
from profiles.models import User

DOMAIN = "bench-import.example.invalid"
HEADERS = [
    "Nombre",
    "Correo",
    "País",
    "Ciudad",
    "Estado de origen",
    "Habilidades",
    "Campos",
    "Idiomas",
    "Organización",
    "Puesto",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet()
    worksheet.append(HEADERS)
    for n in range(1, rows + 1):
        email = "sin-arroba" if n % 33 == 0 else f"persona{n}@{DOMAIN}"
        worksheet.append(
            [
                f"Persona Sintética {n:06d}",
                email,
                "Estados Unidos" if n % 2 else "España",
                "Houston",
                "Michoacán",
                "Python; análisis de datos; aguacate",
                "Matemáticas, 1.2",
                "es (nativo); en (C1)",
                "Universidad de Houston",
                "Investigadora",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _timed(label: str, figures: dict[str, float], step: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = step()
    figures[label] = round(time.perf_counter() - started, 2)
    return result


def _import_once(data: bytes, by: User, figures: dict[str, float], prefix: str) -> ImportJob:
    job = _timed(
        f"{prefix}read",
        figures,
        lambda: services.job_create(
            by=by,
            chapter=None,
            name="bench.xlsx",
            size=len(data),
            content_type=XLSX,
            stream=io.BytesIO(data),
        ),
    )
    job = services.job_map(job=job, mapping=mapping_guess(job.headers), by=by)
    _timed(f"{prefix}validate", figures, lambda: services.job_validate(job=job))
    services.job_start(job=job, by=by)
    _timed(f"{prefix}import", figures, lambda: list(services.job_import_chunks(job_id=job.pk)))
    _timed(f"{prefix}invite", figures, lambda: services.claim_invitations_send(job_id=job.pk))
    job.refresh_from_db()
    return job


def run(*, rows: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    data = _timed("build_xlsx", figures, lambda: sheet(rows))
    by = User.objects.create_user(f"staff@{DOMAIN}", is_staff=True)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            first = _import_once(data, by, figures, "")
            second = _import_once(data, by, figures, "again_")
        figures["first"] = first.result
        figures["again"] = second.result
        figures["total_first_import"] = round(
            sum(figures[k] for k in ("read", "validate", "import", "invite")), 2
        )
    finally:
        ImportJob.objects.filter(created_by=by).delete()
        User.objects.filter(email__endswith=f"@{DOMAIN}").delete()
    return figures
