"""Periodic jobs of the projects app (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.db import OperationalError

from projects import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def projects_close_past_deadline() -> int:
    """Close published projects whose deadline passed. Idempotent."""
    return services.projects_close_past_deadline()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def requests_expire() -> list[int]:
    """Expire pending collaboration requests (interests, invitations) past their SLA.
    Idempotent."""
    return list(services.requests_expire())
