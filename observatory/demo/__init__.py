"""Demo data of the observatory: this month's snapshot of the demo network, so the public page
has figures right after `make run` (the periodic task keeps it current)."""

import datetime
from typing import Any

from django.utils import timezone

from observatory import services


def seed_observatory(*, stdout: Any) -> None:
    # A day counts up to its start; the demo rows were made today, so count as of tomorrow.
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    snapshot = services.snapshot_compute(period=timezone.now().date().replace(day=1), now=tomorrow)
    stdout.write(f"Observatory: snapshot {snapshot} as of {snapshot.as_of:%Y-%m-%d}.\n")
