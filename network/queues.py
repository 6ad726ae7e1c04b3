"""Which task runs on which queue, and which run on a schedule: the one place for both.

Plain tables read by `network/settings.py` (CELERY_TASK_ROUTES, CELERY_BEAT_SCHEDULE); no
Django import, so settings can use them. Every queue is `<prefix>.<kind>`, the prefix being
CELERY_QUEUE; each kind has its own worker process. Exact task names win over globs.
"""

from typing import Any

from celery.schedules import crontab

KINDS = ("mail", "matching", "housekeeping")

ROUTES: dict[str, list[str]] = {
    "mail": [
        "notifications.tasks.delivery_send",
        "notifications.tasks.webhook_*",
        "partners.tasks.webhook_event_dispatch",
        "partners.tasks.webhook_deliver",
        "enquiries.tasks.confirmation_send",
        "imports.tasks.claim_invitations_send_task",
    ],
    "matching": ["matching.tasks.*", "matching.rounds.tasks.*"],
    "housekeeping": [
        "network.tasks.*",
        "projects.tasks.*",
        "chapters.tasks.*",
        "matching.tasks.match_runs_sweep",
        "notifications.tasks.deliveries_sweep",
        "notifications.tasks.digests_send",
        "notifications.tasks.invitations_remind_expiring",
        "notifications.tasks.follow_ups_send",
        "partners.tasks.webhook_deliveries_sweep",
        "observatory.tasks.*",
        "enquiries.tasks.enquiries_flag_overdue",
        "enquiries.tasks.follow_ups_send",
        "imports.tasks.job_validate_task",
        "imports.tasks.job_import_task",
    ],
}

# (entry, task, schedule in seconds or a crontab). The digests run every 15 minutes: each run
# writes the digests of people whose local digest hour it is, at most one per person and
# period, so the hour's other runs cover a missed one.
PERIODIC: list[tuple[str, str, float | crontab]] = [
    ("projects-close-past-deadline", "projects.tasks.projects_close_past_deadline", 3600.0),
    ("requests-expire", "projects.tasks.requests_expire", 3600.0),
    ("matching-full-pass", "matching.tasks.full_pass_task", crontab(hour=3, minute=30)),
    ("matching-sweep-runs", "matching.tasks.match_runs_sweep", 60.0),
    ("notifications-sweep-deliveries", "notifications.tasks.deliveries_sweep", 60.0),
    ("notifications-send-digests", "notifications.tasks.digests_send", 900.0),
    (
        "notifications-remind-expiring-invitations",
        "notifications.tasks.invitations_remind_expiring",
        3600.0,
    ),
    ("notifications-send-follow-ups", "notifications.tasks.follow_ups_send", 3600.0),
    ("partners-webhooks-sweep", "partners.tasks.webhook_deliveries_sweep", 300.0),
    ("observatory-snapshots", "observatory.tasks.snapshots_refresh", crontab(hour=1, minute=15)),
    ("chapters-event-reminders", "chapters.tasks.event_reminders_send", 900.0),
    ("enquiries-flag-overdue", "enquiries.tasks.enquiries_flag_overdue", 900.0),
    ("enquiries-follow-ups", "enquiries.tasks.follow_ups_send", 3600.0),
]


def task_routes(prefix: str) -> dict[str, dict[str, str]]:
    return {task: {"queue": f"{prefix}.{kind}"} for kind, tasks in ROUTES.items() for task in tasks}


def beat_schedule(prefix: str) -> dict[str, dict[str, Any]]:
    schedule: dict[str, dict[str, Any]] = {
        name: {"task": task, "schedule": when} for name, task, when in PERIODIC
    }
    # One heartbeat per queue, sent to that queue: /healthz reports each queue's worker.
    for kind in KINDS:
        schedule[f"heartbeat-{kind}"] = {
            "task": "network.tasks.heartbeat",
            "schedule": 30.0,
            "args": [kind],
            "options": {"queue": f"{prefix}.{kind}", "expires": 30},
        }
    return schedule
