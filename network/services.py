from django.utils import timezone

from network.models import Heartbeat


def heartbeat_record(*, name: str, worker: str = "") -> Heartbeat:
    """Upsert the named heartbeat with the current time; idempotent by name."""
    beat, _ = Heartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": timezone.now(), "worker": worker[:200]}
    )
    return beat
