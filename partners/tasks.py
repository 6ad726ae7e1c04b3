"""Webhook tasks: fan an event out to its subscribers, then deliver each one with retries."""

from typing import Any

from celery import Task, shared_task
from django.db import OperationalError

from partners import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def webhook_event_dispatch(event: str, refs: dict[str, Any], occurred_at: str) -> list[int]:
    """Create the deliveries of one event and enqueue them. Idempotent."""
    ids = services.webhook_event_dispatch(event=event, refs=refs, occurred_at=occurred_at)
    for delivery_id in ids:
        webhook_deliver.delay(delivery_id)
    return ids


# The service decides whether and when to try again (exponential backoff, at most
# PARTNERS_WEBHOOK_MAX_ATTEMPTS attempts, none once the subscription is switched off).
@shared_task(bind=True, max_retries=None, autoretry_for=(OperationalError,), retry_backoff=True)
def webhook_deliver(self: Task, delivery_id: int) -> None:
    retry_in = services.webhook_delivery_attempt(delivery_id=delivery_id)
    if retry_in is not None:
        raise self.retry(countdown=retry_in)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def webhook_deliveries_sweep() -> int:
    """Re-enqueue deliveries whose task was lost (periodic). Returns how many."""
    ids = services.webhook_deliveries_sweep()
    for delivery_id in ids:
        webhook_deliver.delay(delivery_id)
    return len(ids)
