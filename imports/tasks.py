"""Thin tasks around the import services. acks_late: a worker that dies mid-import leaves the
message in the queue, and the next delivery resumes from the job's cursor."""

from celery import shared_task

from imports import services
from imports.models import ImportJob


@shared_task(acks_late=True, reject_on_worker_lost=True)
def job_validate_task(job_id: int) -> None:
    services.job_validate(job=ImportJob.objects.get(pk=job_id))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def job_import_task(job_id: int) -> None:
    for _cursor in services.job_import_chunks(job_id=job_id):
        claim_invitations_send_task.delay(job_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=6)
def claim_invitations_send_task(job_id: int) -> None:
    services.claim_invitations_send(job_id=job_id)
