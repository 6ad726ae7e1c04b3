"""Reads of the project package: the health of the database, the broker and the workers."""

from typing import Any

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from network.models import Heartbeat


def health_status() -> tuple[bool, dict[str, Any]]:
    """Check the database and the broker; report each queue's worker heartbeat (informative)."""
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
        report["workers"] = worker_heartbeats()
        ages = [w["last_seen_seconds"] for w in report["workers"].values()]
        # The oldest heartbeat of all queues (None until every queue's worker has beaten).
        report["worker_last_seen_seconds"] = None if None in ages else max(ages, default=None)
    return healthy, report


def worker_heartbeats() -> dict[str, dict[str, Any]]:
    """Each queue's last heartbeat: seconds ago and "ok", "stale" or "missing".

    Informative: /healthz stays 200 for a web server whose workers lag, so a load balancer
    does not take the site down for a matching backlog; monitoring alerts on "stale"."""
    now = timezone.now()
    beats = {
        beat.name: beat for beat in Heartbeat.objects.filter(name__in=settings.CELERY_QUEUE_KINDS)
    }
    report: dict[str, dict[str, Any]] = {}
    for kind in settings.CELERY_QUEUE_KINDS:
        beat = beats.get(kind)
        age = round((now - beat.beat_at).total_seconds()) if beat else None
        status = "missing" if age is None else "ok"
        if age is not None and age > settings.HEALTH_WORKER_STALE_SECONDS:
            status = "stale"
        report[kind] = {"last_seen_seconds": age, "status": status}
    return report
