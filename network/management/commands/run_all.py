"""Run the web server, one Celery worker per queue and Celery beat together in the foreground.

Ctrl-C (or SIGTERM) stops them all; if one of them dies, the others are stopped too.
"""

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from network import localservices


class Command(BaseCommand):
    help = "Run web server, Celery workers (one per queue) and beat together (development)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--addrport", default=os.environ.get("RUN_ADDRPORT", "127.0.0.1:8000"))

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        children = {
            name: subprocess.Popen(command, cwd=settings.BASE_DIR, start_new_session=True)
            for name, command in _commands(options["addrport"]).items()
        }
        self.stdout.write(
            self.style.SUCCESS(
                f"\nPuentes is running at http://{options['addrport']}/ "
                "(web, a Celery worker per queue and beat). Press Ctrl-C to stop.\n"
            )
        )
        try:
            while not stopping:
                _keep_local_redis_up()
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(
                            f"{name} exited with status {child.returncode}; stopping."
                        )
                        stopping = True
                time.sleep(0.5)
        finally:
            _stop_all(children)
            self.stdout.write(
                "Stopped web, workers and beat. `make stop` stops PostgreSQL and Redis."
            )


def _commands(addrport: str) -> dict[str, list[str]]:
    python = sys.executable
    beat_schedule = settings.BASE_DIR / "var" / "celerybeat-schedule"
    beat_schedule.parent.mkdir(parents=True, exist_ok=True)
    return {
        "web": [python, "manage.py", "runserver", addrport],
        # One worker per queue, so a matching backlog never delays an e-mail or the heartbeat.
        **{
            f"worker-{kind}": [
                *(python, "-m", "celery", "-A", "network", "worker", "-l", "info"),
                *("-Q", f"{settings.CELERY_QUEUE}.{kind}", "-n", f"{kind}@%h"),
                *("--concurrency", "2" if kind == "matching" else "1"),
            ]
            for kind in settings.CELERY_QUEUE_KINDS
        },
        "beat": [
            python,
            "-m",
            "celery",
            "-A",
            "network",
            "beat",
            "-l",
            "info",
            "-s",
            str(beat_schedule),
        ],
    }


def _keep_local_redis_up() -> None:
    """Restart the checkout's Redis if it died, on the same port: the web server and the
    workers reconnect to it by themselves (their clients retry)."""
    if settings.LOCAL_REDIS:
        try:
            localservices.redis_url()
        except RuntimeError as exc:
            sys.stderr.write(f"Local Redis is down and did not restart: {exc}\n")


def _stop_all(children: dict[str, subprocess.Popen]) -> None:
    """SIGTERM every child's process group, then SIGKILL whatever is left after 15 s."""
    for child in children.values():
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
