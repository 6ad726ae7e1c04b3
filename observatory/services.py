"""Writes of the observatory: computing snapshots and funder reports."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.figures import compute
from observatory.figures.scope import Scope
from observatory.models import FunderReport, Snapshot, month_start, next_month
from observatory.reports import render_pdf
from observatory.selectors import headline_cards


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


def funder_report_request(
    *,
    by: Any,
    period_start: datetime.date,
    period_end: datetime.date,
    state_id: int | None = None,
    institution_id: int | None = None,
) -> FunderReport:
    if period_start > period_end:
        raise ValidationError(_("El periodo termina antes de empezar."))
    return FunderReport.objects.create(
        requested_by=by,
        period_start=period_start,
        period_end=period_end,
        state_id=state_id,
        institution_id=institution_id,
    )


def _set_progress(report_id: int, percent: int, **fields: Any) -> None:
    FunderReport.objects.filter(pk=report_id).update(progress=percent, **fields)


def funder_report_build(*, report_id: int) -> FunderReport:
    """Lay the report's PDF out and store it, writing progress as it goes. Idempotent: a done
    report is left as it is (a duplicate delivery does not rebuild it)."""
    report = FunderReport.objects.select_related("state", "institution").get(pk=report_id)
    if report.is_done:
        return report
    _set_progress(report.pk, 5, status=FunderReport.Status.RUNNING)
    as_of = datetime.datetime.combine(
        report.period_end + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
    )
    scope = Scope(state_id=report.state_id, institution_id=report.institution_id)
    figures = compute(as_of, settings.OBSERVATORY_MIN_CELL, scope)
    where = report.institution or report.state
    subtitle = _("Periodo: %(start)s a %(end)s") % {
        "start": report.period_start.isoformat(),
        "end": report.period_end.isoformat(),
    }
    if where:
        subtitle += f" · {where}"
    try:
        pdf = render_pdf(
            title=_("Puentes: informe de impacto"),
            subtitle=subtitle,
            figures=figures,
            cards=headline_cards(figures),
            progress=lambda percent: _set_progress(report.pk, percent),
        )
    except Exception as error:
        # Staff see the report failed (and why) instead of a progress bar stuck forever.
        _set_progress(report.pk, 0, status=FunderReport.Status.FAILED, error=repr(error)[:1000])
        raise
    _set_progress(
        report.pk,
        100,
        status=FunderReport.Status.DONE,
        pdf=pdf,
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report
