"""The periodic jobs run in a real Celery worker process against the test database."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from projects import tasks
from projects.models import Interest, Invitation, Project
from tests.conftest import wait_for
from tests.factories.projects import InterestFactory, InvitationFactory, PublishedProjectFactory

# Reference data (states, fields, skills) is put back by tests/conftest.py after the flushes.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.celery
def test_the_worker_closes_past_deadline_projects_and_expires_overdue_requests(celery_worker):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = PublishedProjectFactory(deadline=yesterday)
    open_project = PublishedProjectFactory()
    overdue = InvitationFactory(
        project=open_project, expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    overdue_interest = InterestFactory(
        project=open_project, expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    fresh = InvitationFactory(project=open_project)

    tasks.projects_close_past_deadline.delay()
    tasks.requests_expire.delay()

    wait_for(lambda: Project.objects.get(pk=late.pk).status == "closed")
    wait_for(lambda: Invitation.objects.get(pk=overdue.pk).status == "expired")
    wait_for(lambda: Interest.objects.get(pk=overdue_interest.pk).status == "expired")
    assert Project.objects.get(pk=open_project.pk).status == "published"
    assert Invitation.objects.get(pk=fresh.pk).status == "pending"
    assert late.transitions.get().to_status == "closed"

    # Idempotent: a duplicate delivery changes nothing.
    tasks.projects_close_past_deadline.delay()
    tasks.requests_expire.delay()
    for name in ("projects_close_past_deadline", "requests_expire"):
        wait_for(lambda name=name: _succeeded(celery_worker, name) == 2)
    assert late.transitions.count() == 1
    assert Invitation.objects.get(pk=fresh.pk).status == "pending"


def _succeeded(worker, task_name: str) -> int:
    return sum(
        f"projects.tasks.{task_name}[" in line and " succeeded " in line for line in (worker.output)
    )


def test_the_tasks_are_the_names_the_beat_schedule_uses():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert tasks.projects_close_past_deadline.name in scheduled
    assert tasks.requests_expire.name in scheduled
