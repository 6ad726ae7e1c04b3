"""Stored aggregate figures: the page, the API and reports read these, never live counts."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SnapshotQuerySet(models.QuerySet):
    def latest_first(self) -> "SnapshotQuerySet":
        return self.order_by("-period")


class Snapshot(models.Model):
    """The published (already suppressed) figures of one month, counted as of `as_of`.

    One row per month: the current month's is recomputed as it goes, past months stay as
    they were last computed and make the trends. `figures` never holds an unsuppressed count
    of people, so nothing small is ever stored, cached or exported.
    """

    period = models.DateField(_("mes"), unique=True, help_text=_("Primer día del mes."))
    as_of = models.DateTimeField(_("cifras al"))
    min_cell = models.PositiveSmallIntegerField(_("umbral de supresión"))
    figures = models.JSONField(_("cifras publicadas"))
    computed_at = models.DateTimeField(_("calculado"))

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-period"]
        verbose_name = _("instantánea del observatorio")
        verbose_name_plural = _("instantáneas del observatorio")
        constraints = [
            models.CheckConstraint(condition=Q(period__day=1), name="snapshot_period_is_month"),
            models.CheckConstraint(condition=Q(min_cell__gte=3), name="snapshot_min_cell_3"),
        ]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m}"


class FunderReport(models.Model):
    """A PDF of the figures for a period, built by a task; staff download it when done."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En cola")
        RUNNING = "running", _("Generando")
        DONE = "done", _("Listo")
        FAILED = "failed", _("Falló")

    period_start = models.DateField(_("desde"))
    period_end = models.DateField(_("hasta"))
    state = models.ForeignKey(
        "profiles.State", verbose_name=_("estado"), null=True, blank=True, on_delete=models.PROTECT
    )
    institution = models.ForeignKey(
        "profiles.Institution",
        verbose_name=_("institución"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("estado del informe"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("avance (%)"), default=0)
    pdf = models.BinaryField(_("PDF"), null=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("pedido"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminado"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("informe para financiadores")
        verbose_name_plural = _("informes para financiadores")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="funder_report_period_order",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="funder_report_progress_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(period: datetime.date) -> datetime.date:
    return (period.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
