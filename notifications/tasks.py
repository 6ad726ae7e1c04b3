"""Tasks of the notifications app: sending one outbox row, notices enqueued by receivers, and
the periodic jobs (scheduled in settings.CELERY_BEAT_SCHEDULE). Each takes ids and calls one
service; all are idempotent."""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from notifications import services
from notifications.services import kinds


@shared_task(
    acks_late=True,
    autoretry_for=(services.DeliveryError, OperationalError),
    retry_backoff=settings.NOTIFICATIONS_EMAIL_RETRY_BACKOFF,
    retry_backoff_max=settings.NOTIFICATIONS_EMAIL_RETRY_BACKOFF_MAX,
    retry_jitter=False,
    max_retries=settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS - 1,
)
def delivery_send(delivery_id: int) -> str:
    """Send one e-mail of the outbox; a duplicate or late message sends nothing twice."""
    return services.delivery_send(delivery_id=delivery_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def deliveries_sweep() -> int:
    """Re-enqueue deliveries left pending or stuck sending past the lease."""
    return services.deliveries_sweep()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def digests_send() -> int:
    """Write the daily and weekly digests due at this hour in each recipient's time zone."""
    return services.digests_send()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def invitations_remind_expiring() -> int:
    """Remind experts of invitations that expire in the next few days."""
    return services.invitations_remind_expiring()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def follow_ups_send() -> int:
    """Ask both sides of engagements what came of them, 3, 6 and 12 months on."""
    return services.follow_ups_send()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def webhook_disabled_notify(subscription_id: int) -> int:
    """Tell whoever answers for a webhook subscription that it was switched off."""
    return kinds.webhook_disabled(subscription_id=subscription_id)
