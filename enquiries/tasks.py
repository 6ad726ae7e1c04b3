"""Tasks of the enquiries app: the confirmation e-mail and the periodic deadline check
(scheduled in network/queues.py)."""

from celery import shared_task
from django.db import OperationalError

from enquiries.services import mail, outcomes, workflow


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def confirmation_send(enquiry_id: int) -> bool:
    """E-mail the confirmation link. Security mail (like allauth's address verification), so
    it goes straight to SMTP, not through the notifications outbox."""
    return mail.confirmation_send(enquiry_id=enquiry_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def enquiries_flag_overdue() -> list[int]:
    """Flag enquiries past their first-response deadline. Idempotent."""
    return workflow.enquiries_flag_overdue()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def follow_ups_send() -> int:
    """Ask both sides what came of introductions made 3 and 12 months ago. Idempotent."""
    return len(outcomes.follow_ups_send())
