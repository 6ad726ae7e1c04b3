from celery import shared_task

from network.services import heartbeat_record


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def heartbeat(self, name: str = "worker") -> int:
    return heartbeat_record(name=name, worker=self.request.hostname or "").pk
