"""Bulk imports of members: saved column mappings, jobs, their rows, and imported accounts
waiting to be claimed."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chapters.models import Chapter


class ImportMapping(models.Model):
    """Columns of a spreadsheet mapped to profile fields, saved by name to reuse. A mapping
    saved in a chapter's import belongs to that chapter; staff's own ones have no chapter."""

    name = models.CharField(_("nombre"), max_length=120)
    chapter = models.ForeignKey(
        Chapter, verbose_name=_("capítulo"), null=True, blank=True, on_delete=models.CASCADE
    )
    # Normalised header -> field name.
    columns = models.JSONField(_("columnas"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("asignación de columnas")
        verbose_name_plural = _("asignaciones de columnas")
        constraints = [
            models.UniqueConstraint(
                fields=["chapter", "name"], name="import_mapping_unique", nulls_distinct=False
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImportJobQuerySet(models.QuerySet):
    def for_chapters(self, chapter_ids: list[int]) -> "ImportJobQuerySet":
        return self.filter(chapter_id__in=chapter_ids)


class ImportJob(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Por asignar columnas")
        VALIDATING = "validating", _("Validando")
        VALIDATED = "validated", _("Listo para importar")
        IMPORTING = "importing", _("Importando")
        DONE = "done", _("Terminado")
        FAILED = "failed", _("Falló")

    # A failed task stores the stage it failed in (`error`); the person reads this sentence.
    FAILURE_REASONS = {
        "validating": _(
            "No pudimos terminar de validar el archivo. Tus datos están a salvo: pulsa "
            "«Reintentar» y, si vuelve a fallar, escríbenos."
        ),
        "importing": _(
            "La importación se detuvo por un error. Lo ya importado se conserva: pulsa "
            "«Reintentar» para seguir desde donde quedó."
        ),
    }

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chapter = models.ForeignKey(
        Chapter, verbose_name=_("capítulo"), null=True, blank=True, on_delete=models.CASCADE
    )
    filename = models.CharField(_("archivo"), max_length=255)
    headers = models.JSONField(_("encabezados"), default=list)
    # Column index (as a string) -> field name.
    mapping = models.JSONField(_("asignación"), default=dict)
    status = models.CharField(
        _("estado"), max_length=12, choices=Status.choices, default=Status.UPLOADED
    )
    total_rows = models.PositiveIntegerField(_("filas"), default=0)
    validated_rows = models.PositiveIntegerField(_("filas validadas"), default=0)
    # The last row number written by the import: a resumed import starts after it.
    cursor = models.PositiveIntegerField(_("filas ya importadas"), default=0)
    # {"new", "updated", "unchanged", "rejected"}: what the dry run predicts, what was done.
    dry_run = models.JSONField(_("simulación"), default=dict)
    result = models.JSONField(_("resultado"), default=dict)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    finished_at = models.DateTimeField(_("terminado"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("importación")
        verbose_name_plural = _("importaciones")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.VALIDATING, self.Status.IMPORTING)

    @property
    def is_stalled(self) -> bool:
        """Running, but its progress has not moved for IMPORTS_STALL_SECONDS (a lost task)."""
        stall = datetime.timedelta(seconds=settings.IMPORTS_STALL_SECONDS)
        return self.is_running and self.updated_at < timezone.now() - stall

    @property
    def may_retry(self) -> bool:
        return self.is_stalled or (
            self.status == self.Status.FAILED and self.error in self.FAILURE_REASONS
        )

    @property
    def failure_reason(self) -> str:
        """What to tell the person (the technical error went to the log)."""
        if self.status != self.Status.FAILED:
            return ""
        return str(self.FAILURE_REASONS.get(self.error, self.error))

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100
        done = self.cursor if self.status == self.Status.IMPORTING else self.validated_rows
        return min(100, round(100 * done / self.total_rows))


class ImportRow(models.Model):
    class Verdict(models.TextChoices):
        PENDING = "pending", _("Sin validar")
        NEW = "new", _("Nueva")
        UPDATED = "updated", _("Se actualiza")
        UNCHANGED = "unchanged", _("Sin cambios")
        REJECTED = "rejected", _("Rechazada")

    job = models.ForeignKey(
        ImportJob, on_delete=models.CASCADE, related_name="rows", verbose_name=_("importación")
    )
    number = models.PositiveIntegerField(_("fila"))
    values = models.JSONField(_("valores"), default=list)
    verdict = models.CharField(
        _("veredicto"), max_length=10, choices=Verdict.choices, default=Verdict.PENDING
    )
    errors = models.JSONField(_("errores"), default=list)
    warnings = models.JSONField(_("avisos"), default=list)
    # What the import did with the row (same choices; empty until imported).
    outcome = models.CharField(_("resultado"), max_length=10, choices=Verdict.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cuenta"),
    )

    class Meta:
        ordering = ["job", "number"]
        verbose_name = _("fila importada")
        verbose_name_plural = _("filas importadas")
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="import_row_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.number}"


class ImportedAccount(models.Model):
    """An account an import created. It cannot sign in (no password) and its profile is not
    listed (not onboarded) until the person claims it from the e-mailed link and consents."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="imported_account",
        verbose_name=_("cuenta"),
    )
    job = models.ForeignKey(
        ImportJob,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("importación"),
    )
    # Hash of the row data last written: the same row again changes nothing.
    data_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    invited_at = models.DateTimeField(_("invitado"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("reclamado"), null=True, blank=True)

    class Meta:
        verbose_name = _("cuenta importada")
        verbose_name_plural = _("cuentas importadas")
        indexes = [
            models.Index(
                fields=["job"], condition=models.Q(invited_at__isnull=True), name="import_uninvited"
            )
        ]

    def __str__(self) -> str:
        return str(self.user_id)

    @property
    def is_claimed(self) -> bool:
        return self.claimed_at is not None
