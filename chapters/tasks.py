"""Tasks of the chapters app (scheduled in network/queues.py); idempotent."""

from celery import shared_task
from django.db import OperationalError

from chapters import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def event_reminders_send() -> int:
    """Remind registered people of events starting within a day (once per event)."""
    return services.event_reminders_send()
