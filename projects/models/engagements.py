"""Engagements (what follows an accepted request), their outcomes and follow-up prompts."""

from typing import cast

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.models import ExpertProfile, User
from projects.choices import OUTCOME_KINDS_WITH_AMOUNT, Currency, EngagementStatus, OutcomeKind
from projects.models.projects import Project
from projects.models.requests import Interest, Invitation


class EngagementQuerySet(models.QuerySet):
    def active(self) -> "EngagementQuerySet":
        return self.filter(status=EngagementStatus.ACTIVE)

    def involving(self, user: object) -> "EngagementQuerySet":
        """Engagements `user` takes part in, as the expert or as a member of the institution."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        member = cast(User, user)  # only a logged-in User is authenticated
        return self.filter(
            Q(expert__user=member)
            | Q(pk__in=Engagement.objects.filter(project__institution__memberships__user=member))
        )


class Engagement(models.Model):
    """What follows an accepted collaboration request: the expert works on the project."""

    project = models.ForeignKey(
        Project, verbose_name=_("proyecto"), on_delete=models.CASCADE, related_name="engagements"
    )
    expert = models.ForeignKey(
        ExpertProfile,
        verbose_name=_("persona experta"),
        on_delete=models.CASCADE,
        related_name="engagements",
    )
    interest = models.OneToOneField(
        Interest, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagement"
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagement"
    )
    # The institution's person the expert deals with: whoever invited or accepted.
    institution_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contacto en la institución"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=EngagementStatus.choices,
        default=EngagementStatus.ACTIVE,
    )
    started_at = models.DateTimeField(_("inicio"), default=timezone.now)
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)
    end_note = models.TextField(_("nota de cierre"), blank=True, max_length=1000)

    objects = EngagementQuerySet.as_manager()

    # Set by projects.selectors, and only on engagements the viewer takes part in (or staff):
    # the ContactCard of each side.
    expert_contact: object
    liaison_contact: object

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("colaboración")
        verbose_name_plural = _("colaboraciones")
        indexes = [models.Index(fields=["expert", "status"], name="engagement_capacity_idx")]
        constraints = [
            models.UniqueConstraint(fields=["project", "expert"], name="engagement_unique"),
            models.CheckConstraint(
                condition=Q(status=EngagementStatus.ACTIVE) | Q(ended_at__isnull=False),
                name="engagement_ended_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} × {self.project}"

    @property
    def is_active(self) -> bool:
        return self.status == EngagementStatus.ACTIVE

    @property
    def takes_outcomes(self) -> bool:
        return self.status in (EngagementStatus.ACTIVE, EngagementStatus.COMPLETED)


class Outcome(models.Model):
    """What an engagement produced: the network's impact record."""

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("colaboración"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    kind = models.CharField(_("tipo de resultado"), max_length=12, choices=OutcomeKind.choices)
    description = models.TextField(_("descripción"), max_length=2000)
    occurred_on = models.DateField(_("fecha"))
    url = models.URLField(_("enlace"), blank=True, help_text=_("DOI, nota de prensa, registro…"))
    amount = models.DecimalField(
        _("monto"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("moneda"), max_length=3, choices=Currency.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrado por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrado"), default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("resultado")
        verbose_name_plural = _("resultados")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=OutcomeKind.INVESTMENT)
                | (Q(amount__isnull=False) & ~Q(currency="")),
                name="outcome_investment_has_amount",
                violation_error_message=_("Indica el monto y la moneda de la inversión."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True, currency="")
                | (
                    Q(amount__isnull=False, amount__gte=0, kind__in=OUTCOME_KINDS_WITH_AMOUNT)
                    & ~Q(currency="")
                ),
                name="outcome_amount_with_currency",
                violation_error_message=_(
                    "Solo los financiamientos y las inversiones llevan monto, siempre con moneda."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


class FollowUpQuerySet(models.QuerySet):
    def due(self, now: object) -> "FollowUpQuerySet":
        return self.filter(sent_at__isnull=True, due_at__lte=now)


class EngagementFollowUp(models.Model):
    """A prompt to ask both sides what came of an engagement, N months after it started.

    Scheduled here when the engagement starts; the notifications app sends the due ones and
    stamps `sent_at`.
    """

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("meses después del inicio"))
    due_at = models.DateTimeField(_("programado para"))
    sent_at = models.DateTimeField(_("enviado"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("seguimiento")
        verbose_name_plural = _("seguimientos")
        indexes = [
            models.Index(
                fields=["due_at"], condition=Q(sent_at__isnull=True), name="followup_due_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "months"], name="followup_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.engagement} +{self.months}m"
