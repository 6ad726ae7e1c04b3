from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time a background worker ran the periodic heartbeat task (see /healthz)."""

    name = models.CharField(_("nombre"), max_length=50, unique=True)
    beat_at = models.DateTimeField(_("último latido"))
    worker = models.CharField(_("trabajador"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("latido")
        verbose_name_plural = _("latidos")

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
