"""The import through a real Celery worker process: validation, chunks and invitations."""

import pytest

from imports import tasks
from imports.models import ImportedAccount, ImportJob
from imports.services import job_start
from profiles.models import User
from tests.conftest import wait_for
from tests.factories.imports import people, validated_job

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def test_a_worker_validates_imports_and_invites_then_a_second_delivery_changes_nothing(
    celery_worker, staff: User
) -> None:
    job = validated_job(people(10, bad_every=5), staff)
    # Validate again through the worker, as the mapping screen does.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.VALIDATING)
    tasks.job_validate_task.delay(job.pk)
    wait_for(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.VALIDATED)

    job_start(job=job, by=staff)
    tasks.job_import_task.delay(job.pk)
    wait_for(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE)
    wait_for(lambda: not ImportedAccount.objects.filter(invited_at__isnull=True).exists())
    job.refresh_from_db()
    assert job.result == {"new": 8, "updated": 0, "unchanged": 0, "rejected": 2}
    assert ImportedAccount.objects.count() == 8

    tasks.job_import_task.delay(job.pk)  # a duplicate delivery
    wait_for(
        lambda: (
            sum(
                " succeeded " in line and "job_import_task" in line for line in celery_worker.output
            )
            == 2
        )
    )
    assert ImportedAccount.objects.count() == 8
    assert User.objects.filter(email__startswith="importada").count() == 8
