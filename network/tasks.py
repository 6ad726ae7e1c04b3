from celery import shared_task

from network.services import heartbeat_record


# Beat sends one per queue (settings.CELERY_BEAT_SCHEDULE) with the queue's kind as the name.
@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def heartbeat(self, name: str = "housekeeping") -> int:
    return heartbeat_record(name=name, worker=self.request.hostname or "").pk
