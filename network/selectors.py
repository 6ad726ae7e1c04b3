"""Reads of the project package: the health of the database, the broker and the worker."""

from typing import Any

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from network.models import Heartbeat


def health_status() -> tuple[bool, dict[str, Any]]:
    """Check the database and the broker; report the worker's last heartbeat (informative)."""
    report: dict[str, Any] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        report["database"] = "ok"
    except Exception as exc:  # any failure means "down"
        healthy = False
        report["database"] = f"error: {exc.__class__.__name__}"
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
        report["broker"] = "ok"
    except Exception as exc:  # any failure means "down"
        healthy = False
        report["broker"] = f"error: {exc.__class__.__name__}"
    if report["database"] == "ok":
        beat = Heartbeat.objects.filter(name="worker").first()
        report["worker_last_seen_seconds"] = (
            round((timezone.now() - beat.beat_at).total_seconds()) if beat else None
        )
    return healthy, report
