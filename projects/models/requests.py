"""Collaboration requests: interests (expert → project) and invitations (project → expert)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.models import ExpertProfile
from projects.choices import DeclineReason, RequestStatus
from projects.models.projects import Project

OPEN_REQUEST_STATUSES = [RequestStatus.PENDING, RequestStatus.ACCEPTED]


class RequestQuerySet(models.QuerySet):
    def pending(self) -> "RequestQuerySet":
        return self.filter(status=RequestStatus.PENDING)

    def overdue(self, now: datetime.datetime) -> "RequestQuerySet":
        return self.pending().filter(expires_at__lte=now)


class CollaborationRequest(models.Model):
    """A collaboration request, either an interest or an invitation: what both share (a
    message, an answer, an expiry). Accepting one starts an Engagement."""

    project = models.ForeignKey(Project, verbose_name=_("proyecto"), on_delete=models.CASCADE)
    expert = models.ForeignKey(
        ExpertProfile, verbose_name=_("persona experta"), on_delete=models.CASCADE
    )
    message = models.TextField(_("mensaje"), max_length=1500)
    status = models.CharField(
        _("estado"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decline_reason = models.CharField(
        _("motivo"), max_length=16, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.TextField(_("comentario"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("enviada"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("vence"))
    responded_at = models.DateTimeField(_("respondida"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondida por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RequestQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING

    @property
    def is_overdue(self) -> bool:
        return self.is_pending and self.expires_at <= timezone.now()


class Interest(CollaborationRequest):
    """An expert tells an institution they would like to work on its project."""

    class Meta(CollaborationRequest.Meta):
        verbose_name = _("interés")
        verbose_name_plural = _("intereses")
        default_related_name = "interests"
        indexes = [models.Index(fields=["status", "expires_at"], name="interest_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "expert"],
                condition=Q(status__in=OPEN_REQUEST_STATUSES),
                name="interest_open_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.DECLINED) | ~Q(decline_reason=""),
                name="interest_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} → {self.project}"


class Invitation(CollaborationRequest):
    """An institution invites an expert to its project."""

    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invitada por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(CollaborationRequest.Meta):
        verbose_name = _("invitación")
        verbose_name_plural = _("invitaciones")
        default_related_name = "invitations"
        indexes = [models.Index(fields=["status", "expires_at"], name="invitation_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "expert"],
                condition=Q(status__in=OPEN_REQUEST_STATUSES),
                name="invitation_open_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.DECLINED) | ~Q(decline_reason=""),
                name="invitation_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} → {self.expert}"
