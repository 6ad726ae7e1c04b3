"""The preview and dry run: every row checked (cells, repeats in the file, who it names),
without writing anything outside the job."""

from collections.abc import Iterator

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from imports.fields import References, data_hash, row_clean
from imports.models import ImportJob, ImportRow
from imports.services.matching import Verdict, classify, known_accounts, similar_names
from imports.services.rows import rows_save

ROWS_PER_BATCH = 500


def _batches(job: ImportJob, after: int = 0) -> Iterator[list[ImportRow]]:
    while True:
        rows = list(job.rows.filter(number__gt=after).order_by("number")[:ROWS_PER_BATCH])
        if not rows:
            return
        yield rows
        after = rows[-1].number


def _repeats(data: dict, number: int, seen: dict[tuple[str, str], int]) -> list[str]:
    errors = []
    for key in (("email", data["email"]), ("orcid", data.get("orcid", ""))):
        if not key[1]:
            continue
        first = seen.setdefault(key, number)
        if first != number:
            errors.append(_("Repite la persona de la fila %(row)s.") % {"row": first})
            break
    return errors


def _validate_batch(
    job: ImportJob, rows: list[ImportRow], refs: References, seen: dict[tuple[str, str], int]
) -> None:
    cleaned = [row_clean(row.values, job.mapping, refs) for row in rows]
    known = known_accounts(
        emails={data["email"] for data, _errors in cleaned},
        orcids={data["orcid"] for data, _errors in cleaned if data.get("orcid")},
    )
    for row, (data, errors) in zip(rows, cleaned, strict=True):
        row.warnings = []
        errors = errors or _repeats(data, row.number, seen)
        if errors:
            row.verdict, row.errors = Verdict.REJECTED, errors
            continue
        row.verdict, _account, row.errors, row.warnings = classify(data, data_hash(data), known)
    rows_save(rows)
    ImportJob.objects.filter(pk=job.pk).update(
        # updated_at too: a job whose progress stops moving is shown as stalled.
        validated_rows=F("validated_rows") + len(rows),
        updated_at=timezone.now(),
    )


def _flag_similar_names(job: ImportJob) -> None:
    name_column = next(int(i) for i, name in job.mapping.items() if name == "name")
    similar = similar_names(job_id=job.pk, name_column=name_column)
    rows = list(ImportRow.objects.filter(pk__in=similar))
    for row in rows:
        row.warnings = [
            *row.warnings,
            _(
                "Nombre parecido a «%(name)s», que ya está en la red: revisa que no sea la misma "
                "persona."
            )
            % {"name": similar[row.pk]},
        ]
    rows_save(rows)


def job_validate(*, job: ImportJob) -> ImportJob:
    """Check every row and store the dry run's counts. Idempotent: it starts over each time
    (validation writes only the job's own rows); progress is `validated_rows`."""
    if job.status != ImportJob.Status.VALIDATING:
        return job
    ImportJob.objects.filter(pk=job.pk).update(validated_rows=0, updated_at=timezone.now())
    refs = References.load()
    seen: dict[tuple[str, str], int] = {}
    for rows in _batches(job):
        _validate_batch(job, rows, refs, seen)
    with transaction.atomic():
        _flag_similar_names(job)
        counts = dict(job.rows.values_list("verdict").annotate(n=Count("pk")))
        job.dry_run = {
            key: counts.get(key, 0)
            for key in (Verdict.NEW, Verdict.UPDATED, Verdict.UNCHANGED, Verdict.REJECTED)
        }
        job.status = ImportJob.Status.VALIDATED
        job.validated_rows = job.total_rows
        job.save(update_fields=["dry_run", "status", "validated_rows", "updated_at"])
    return job
