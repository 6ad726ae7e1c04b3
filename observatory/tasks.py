"""Tasks of the observatory (routed to the housekeeping queue in network/queues.py)."""

import datetime

from celery import shared_task
from django.db import OperationalError

from observatory import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def snapshots_refresh() -> list[str]:
    """Periodic: this month's and, until final, last month's snapshot. Idempotent."""
    return [f"{s.period:%Y-%m}" for s in services.snapshots_refresh()]


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def snapshot_compute(period: str) -> str:
    """One month's snapshot ("YYYY-MM"). Idempotent: a rerun the same day changes nothing."""
    month = datetime.date.fromisoformat(f"{period}-01")
    return str(services.snapshot_compute(period=month).computed_at)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def funder_report_build(report_id: int) -> int:
    """Build one funder report's PDF, with progress. Idempotent: a done report is kept."""
    return services.funder_report_build(report_id=report_id).pk
