"""Writes of the observatory: computing snapshots and funder reports."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from observatory.figures import compute
from observatory.models import Snapshot, month_start, next_month


def period_as_of(period: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """The moment a month's figures are counted at: its end once over, else the start of
    today (UTC). Fixed for a whole day, so a rerun the same day counts the same rows."""
    end = datetime.datetime.combine(next_month(period), datetime.time.min, tzinfo=datetime.UTC)
    today = datetime.datetime.combine(now.astimezone(datetime.UTC).date(), datetime.time.min)
    return min(end, today.replace(tzinfo=datetime.UTC))


def snapshot_compute(*, period: datetime.date, now: datetime.datetime | None = None) -> Snapshot:
    """Compute and store the month's figures. Idempotent: when the figures, the as-of moment and
    the threshold are those stored, the row is left untouched (computed_at included)."""
    now = now or timezone.now()
    period = month_start(period)
    as_of = period_as_of(period, now)
    k = settings.OBSERVATORY_MIN_CELL
    figures = compute(as_of, k)
    with transaction.atomic():
        snapshot = Snapshot.objects.select_for_update().filter(period=period).first()
        if snapshot and (snapshot.as_of, snapshot.min_cell, snapshot.figures) == (
            as_of,
            k,
            figures,
        ):
            return snapshot
        snapshot, _created = Snapshot.objects.update_or_create(
            period=period,
            defaults={"as_of": as_of, "min_cell": k, "figures": figures, "computed_at": now},
        )
    return snapshot


def snapshots_refresh(*, now: datetime.datetime | None = None) -> list[Snapshot]:
    """The periodic pass: this month so far, and last month until it is counted to its end."""
    now = now or timezone.now()
    this_month = month_start(now.astimezone(datetime.UTC).date())
    last_month = month_start(this_month - datetime.timedelta(days=1))
    done = [snapshot_compute(period=this_month, now=now)]
    previous = Snapshot.objects.filter(period=last_month).first()
    if previous is None or previous.as_of < period_as_of(last_month, now):
        done.append(snapshot_compute(period=last_month, now=now))
    return done
