"""Reads for the import screens, scoped to the person: staff see every job, a coordinator
the jobs of the chapters they coordinate; anything else raises DoesNotExist (a 404)."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from imports.models import ImportedAccount, ImportJob, ImportMapping, ImportRow
from imports.permissions import chapters_coordinated, may_import
from profiles.models import User


def job_list_for(*, user: User) -> QuerySet[ImportJob]:
    if not may_import(user):
        raise ImportJob.DoesNotExist
    jobs = ImportJob.objects.select_related("chapter", "created_by")
    if user.is_staff:
        return jobs
    return jobs.filter(chapter__in=chapters_coordinated(user))


def job_get_for(*, user: User, pk: int) -> ImportJob:
    return job_list_for(user=user).get(pk=pk)


def mapping_list_for(*, user: User, job: ImportJob) -> QuerySet[ImportMapping]:
    """Mappings saved for the job's chapter, and staff's own ones for staff."""
    mappings = ImportMapping.objects.filter(chapter=job.chapter)
    if user.is_staff and job.chapter_id is not None:
        mappings = ImportMapping.objects.filter(Q(chapter=job.chapter) | Q(chapter__isnull=True))
    return mappings.order_by("name")


def row_list_flagged(*, job: ImportJob) -> QuerySet[ImportRow]:
    """Rows worth a look in the preview: rejected ones and ones with warnings, first."""
    return job.rows.exclude(errors=[], warnings=[]).order_by("number")


def row_counts(*, job: ImportJob) -> dict[str, int]:
    counted = job.rows.aggregate(
        **{verdict: Count("pk", filter=Q(verdict=verdict)) for verdict in ImportRow.Verdict.values}
    )
    return {verdict: counted[verdict] for verdict in ImportRow.Verdict.values}


def row_list_rejected(*, job: ImportJob) -> QuerySet[ImportRow]:
    """Rejected by validation, or at import time (the network changed in between)."""
    rejected = ImportRow.Verdict.REJECTED
    return job.rows.filter(Q(verdict=rejected) | Q(outcome=rejected)).order_by("number")


def preview(*, job: ImportJob, rows: Iterable[ImportRow]) -> list[dict[str, Any]]:
    """The rows of a preview page with the cells the reader recognises people by."""
    columns = {name: int(index) for index, name in job.mapping.items()}

    def cell(row: ImportRow, name: str) -> str:
        index = columns.get(name)
        return row.values[index] if index is not None and index < len(row.values) else ""

    return [
        {
            "number": row.number,
            "name": cell(row, "name"),
            "email": cell(row, "email"),
            "verdict": row.get_verdict_display(),
            "is_rejected": row.verdict == ImportRow.Verdict.REJECTED,
            "errors": row.errors,
            "warnings": row.warnings,
        }
        for row in rows
    ]


def account_list_for_job(*, job: ImportJob) -> QuerySet[ImportedAccount]:
    """The people the job created, with the addresses their invitations went to."""
    return ImportedAccount.objects.filter(job=job).select_related("user").order_by("pk")


def account_get_for_job(*, job: ImportJob, pk: int) -> ImportedAccount:
    return account_list_for_job(job=job).get(pk=pk)
