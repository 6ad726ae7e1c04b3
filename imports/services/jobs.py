"""Starting an import: the upload becomes a job with its rows; the columns are mapped (and the
mapping saved by name if asked)."""

from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chapters.models import Chapter
from imports.fields import FIELDS, REQUIRED, header_key
from imports.models import ImportJob, ImportMapping, ImportRow
from imports.permissions import chapters_coordinated
from imports.readers import read_upload
from profiles.models import User

ROWS_PER_INSERT = 2000


def _check_may_import(*, by: User, chapter: Chapter | None) -> None:
    if by.is_staff:
        return
    if chapter is None or not chapters_coordinated(by).filter(pk=chapter.pk).exists():
        raise PermissionDenied(_("Solo puedes importar miembros a un capítulo que coordinas."))


@transaction.atomic
def job_create(
    *,
    by: User,
    chapter: Chapter | None,
    name: str,
    size: int,
    content_type: str,
    stream: IO[bytes],
) -> ImportJob:
    """Read the upload (ValidationError when refused) and keep its rows; the file itself is
    not kept."""
    _check_may_import(by=by, chapter=chapter)
    sheet = read_upload(name=name, size=size, content_type=content_type, stream=stream)
    job = ImportJob.objects.create(
        created_by=by,
        chapter=chapter,
        filename=name[:255],
        headers=sheet.headers,
        total_rows=len(sheet.rows),
    )
    ImportRow.objects.bulk_create(
        (
            ImportRow(job=job, number=number, values=values)
            for number, values in enumerate(sheet.rows, start=2)
        ),
        batch_size=ROWS_PER_INSERT,
    )
    return job


def _mapping_checked(job: ImportJob, mapping: dict[str, str]) -> dict[str, str]:
    mapping = {
        index: name
        for index, name in mapping.items()
        if name in FIELDS and index.isdigit() and int(index) < len(job.headers)
    }
    chosen = list(mapping.values())
    repeated = sorted({str(FIELDS[name]) for name in chosen if chosen.count(name) > 1})
    if repeated:
        raise ValidationError(
            _("Cada campo puede venir de una sola columna: %(fields)s.")
            % {"fields": ", ".join(repeated)}
        )
    missing = [str(FIELDS[name]) for name in REQUIRED if name not in chosen]
    if missing:
        raise ValidationError(
            _("Indica qué columna trae: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    return mapping


@transaction.atomic
def job_map(*, job: ImportJob, mapping: dict[str, str], save_as: str = "", by: User) -> ImportJob:
    """Set the columns (index -> field) and start validating; the caller enqueues the
    validation task. Saving under a name replaces that name's mapping."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _check_may_import(by=by, chapter=job.chapter)
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATED):
        raise ValidationError(_("Esta importación ya empezó: no puedes cambiar sus columnas."))
    job.mapping = _mapping_checked(job, mapping)
    job.status = ImportJob.Status.VALIDATING
    job.validated_rows = 0
    job.save(update_fields=["mapping", "status", "validated_rows", "updated_at"])
    job.rows.update(verdict=ImportRow.Verdict.PENDING, errors=[], warnings=[])
    if save_as.strip():
        columns = {header_key(job.headers[int(i)]): name for i, name in job.mapping.items()}
        ImportMapping.objects.update_or_create(
            chapter=job.chapter,
            name=save_as.strip()[:120],
            defaults={"columns": columns, "created_by": by},
        )
    return job


def mapping_apply(*, mapping: ImportMapping, headers: list[str]) -> dict[str, str]:
    """A saved mapping applied to this file's headers (index -> field)."""
    keys = [header_key(header) for header in headers]
    return {str(i): mapping.columns[key] for i, key in enumerate(keys) if key in mapping.columns}


@transaction.atomic
def job_start(*, job: ImportJob, by: User) -> ImportJob:
    """Move a validated job to importing (the caller enqueues the import task). Starting a
    job that is importing already changes nothing: the task resumes from its cursor."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _check_may_import(by=by, chapter=job.chapter)
    if job.status not in (ImportJob.Status.VALIDATED, ImportJob.Status.IMPORTING):
        raise ValidationError(_("Esta importación no está lista para importarse."))
    if job.status == ImportJob.Status.VALIDATED:
        job.status = ImportJob.Status.IMPORTING
        job.result = {verdict: 0 for verdict in ("new", "updated", "unchanged", "rejected")}
        job.save(update_fields=["status", "result", "updated_at"])
    return job


def job_fail(*, job_id: int, stage: str) -> bool:
    """Mark a job failed for good in `stage` ("validating" or "importing"), from a task that
    gave up; returns whether it changed. A job that has moved on since (finished, or already
    retried into another stage) is left alone."""
    return bool(
        ImportJob.objects.filter(pk=job_id, status=stage).update(
            status=ImportJob.Status.FAILED, error=stage, updated_at=timezone.now()
        )
    )


@transaction.atomic
def job_retry(*, job: ImportJob, by: User) -> ImportJob:
    """Put a failed or stalled job back in the stage it stopped in (the caller enqueues that
    stage's task). Idempotent: validation starts over, the import resumes after its cursor,
    and rows already written are matched again, so nobody is created twice."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _check_may_import(by=by, chapter=job.chapter)
    if not job.may_retry:
        raise ValidationError(_("Esta importación no necesita reintentarse."))
    if job.status == ImportJob.Status.FAILED:
        job.status, job.error = job.error, ""
    job.save(update_fields=["status", "error", "updated_at"])
    return job
