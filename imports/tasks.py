"""Thin tasks around the import services. acks_late: a worker that dies mid-import leaves the
message in the queue, and the next delivery resumes from the job's cursor."""

import logging
from typing import Any

from celery import shared_task

from imports import services
from imports.models import ImportJob
from network.celery import TransactionAwareTask

logger = logging.getLogger(__name__)
RETRY = {"autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 3}


class JobStageTask(TransactionAwareTask):
    """A validation or import task: when it fails for good (its retries spent), the job is
    marked failed in its stage so the page says so and offers a retry; the error is logged."""

    abstract = True
    stage: str = ""

    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        job_id = args[0] if args else kwargs.get("job_id")
        logger.error("Import job %s failed while %s", job_id, self.stage, exc_info=exc)
        services.job_fail(job_id=job_id, stage=self.stage)


@shared_task(
    base=JobStageTask,
    stage=ImportJob.Status.VALIDATING,
    acks_late=True,
    reject_on_worker_lost=True,
    **RETRY,
)
def job_validate_task(job_id: int) -> None:
    services.job_validate(job=ImportJob.objects.get(pk=job_id))


@shared_task(
    base=JobStageTask,
    stage=ImportJob.Status.IMPORTING,
    acks_late=True,
    reject_on_worker_lost=True,
    **RETRY,
)
def job_import_task(job_id: int) -> None:
    for _cursor in services.job_import_chunks(job_id=job_id):
        claim_invitations_send_task.delay(job_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=6)
def claim_invitations_send_task(job_id: int) -> None:
    services.claim_invitations_send(job_id=job_id)
