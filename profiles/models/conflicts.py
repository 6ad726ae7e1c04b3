"""Declared conflicts of interest between an expert and an institution.

Either side may declare one (the expert, or a member of the institution); from then on the
expert is never suggested for, invited to, shown interest in or assigned to the institution's
needs. Membership of the institution is a conflict without any declaration
(`profiles.selectors.conflicts`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.models.experts import ExpertProfile
from profiles.models.institutions import Institution


class ConflictOfInterest(models.Model):
    expert = models.ForeignKey(
        ExpertProfile,
        verbose_name=_("persona experta"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institución"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    note = models.CharField(_("motivo"), max_length=300, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declarado por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("declarado"), default=timezone.now)

    class Meta:
        verbose_name = _("conflicto de interés")
        verbose_name_plural = _("conflictos de interés")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["expert", "institution"], name="conflict_pair_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.expert_id} ⊘ {self.institution_id}"
