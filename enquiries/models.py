"""Brokered introductions: an enquiry, its timeline, notes, shortlist and outcomes.

The observatory reads these rows for its figures: counts by `type`, volume by `confirmed_at`,
response time (`first_response_at - confirmed_at`), share introduced (`introduced_at`) and
outcomes (`EnquiryOutcome.kind`). Rows without `confirmed_at` never entered the queue.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from enquiries.choices import (
    OPEN_STATUSES,
    CandidateSource,
    CandidateState,
    Channel,
    EnquiryType,
    EntryKind,
    OutcomeKind,
    Status,
    Urgency,
)
from profiles.choices import Sector
from profiles.models import ExpertProfile, FieldOfScience, Institution, Skill
from projects.choices import Currency

TEXT_MAX_LENGTH = 4000


class EnquiryQuerySet(models.QuerySet):
    def confirmed(self) -> "EnquiryQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def open(self) -> "EnquiryQuerySet":
        return self.confirmed().filter(status__in=OPEN_STATUSES)

    def awaiting_first_response(self) -> "EnquiryQuerySet":
        return self.open().filter(first_response_at__isnull=True)


class Enquiry(models.Model):
    """A requester's question to the network, handled by a broker."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.CharField(_("organización"), max_length=200)
    person_name = models.CharField(_("persona de contacto"), max_length=120)
    email = models.EmailField(_("correo electrónico"))
    confirmed_at = models.DateTimeField(_("correo confirmado"), null=True, blank=True)
    text = models.TextField(_("qué necesitas"), max_length=TEXT_MAX_LENGTH)
    type = models.CharField(_("tipo"), max_length=20, choices=EnquiryType.choices)
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices, blank=True)
    countries = CountryField(_("países de interés"), multiple=True, blank=True)
    urgency = models.CharField(
        _("urgencia"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    language = models.CharField(
        _("idioma"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Tagged by the broker: the skills and fields the engine weighs besides the text.
    skills = models.ManyToManyField(
        Skill, verbose_name=_("habilidades"), blank=True, related_name="+"
    )
    fields = models.ManyToManyField(
        FieldOfScience, verbose_name=_("áreas"), blank=True, related_name="+"
    )
    channel = models.CharField(_("canal"), max_length=12, choices=Channel.choices)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institución"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enviada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries_submitted",
    )
    partner_key_id = models.PositiveBigIntegerField(
        _("clave de API que la envió"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("estado"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries_brokered",
    )
    response_due_at = models.DateTimeField(_("primera respuesta antes de"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("primera respuesta"), null=True, blank=True)
    sla_breached_at = models.DateTimeField(_("plazo vencido"), null=True, blank=True)
    introduced_at = models.DateTimeField(_("presentación hecha"), null=True, blank=True)
    closed_at = models.DateTimeField(_("cerrada"), null=True, blank=True)
    decline_reason = models.TextField(_("motivo para declinar"), blank=True, max_length=2000)
    outcome = models.CharField(
        _("resultado"), max_length=12, choices=OutcomeKind.choices, blank=True
    )
    created_at = models.DateTimeField(_("creada"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consulta")
        verbose_name_plural = _("consultas")
        indexes = [models.Index(fields=["status", "broker"], name="enquiry_status_broker_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="unconfirmed") | Q(confirmed_at__isnull=False),
                name="enquiry_in_queue_only_when_confirmed",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="enquiry_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_type_display()}"

    @property
    def is_open(self) -> bool:
        return self.confirmed_at is not None and self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return (
            self.first_response_at is None
            and self.response_due_at is not None
            and self.response_due_at < timezone.now()
        )


class TimelineEntry(models.Model):
    """One step of an enquiry: who did what, when (status changes carry both statuses)."""

    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.CASCADE, related_name="timeline", verbose_name=_("consulta")
    )
    kind = models.CharField(_("qué"), max_length=20, choices=EntryKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("quién"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(_("de"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("a"), max_length=12, choices=Status.choices, blank=True)
    detail = models.TextField(_("detalle"), blank=True)
    created_at = models.DateTimeField(_("cuándo"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("paso de una consulta")
        verbose_name_plural = _("historial de la consulta")

    def __str__(self) -> str:
        return f"{self.enquiry_id}: {self.kind}"


class Note(models.Model):
    """An internal note of the brokers; the requester and the experts never see it."""

    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.CASCADE, related_name="notes", verbose_name=_("consulta")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("autor"),
    )
    text = models.TextField(_("nota"), max_length=4000)
    created_at = models.DateTimeField(_("escrita"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("nota interna")
        verbose_name_plural = _("notas internas")

    def __str__(self) -> str:
        return self.text[:60]


class Candidate(models.Model):
    """An expert on an enquiry's shortlist, and their answer to the double opt-in."""

    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("consulta")
    )
    expert = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="enquiry_candidacies"
    )
    source = models.CharField(_("origen"), max_length=10, choices=CandidateSource.choices)
    score = models.FloatField(_("puntaje"), null=True, blank=True)
    reasons_es = models.JSONField(_("razones (es)"), default=list, blank=True)
    reasons_en = models.JSONField(_("razones (en)"), default=list, blank=True)
    state = models.CharField(
        _("estado"),
        max_length=12,
        choices=CandidateState.choices,
        default=CandidateState.SHORTLISTED,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(_("preguntada"), null=True, blank=True)
    answered_at = models.DateTimeField(_("respondió"), null=True, blank=True)
    decline_reason = models.TextField(_("motivo"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("añadida"), default=timezone.now)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("persona candidata")
        verbose_name_plural = _("lista corta")
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "expert"], name="candidate_once_per_enquiry")
        ]

    def __str__(self) -> str:
        return f"{self.enquiry_id}: {self.expert_id}"


class EnquiryOutcome(models.Model):
    """What came of an introduction, as told by one side at a follow-up (or by the broker)."""

    class Side(models.TextChoices):
        REQUESTER = "requester", _("Quien consultó")
        EXPERT = "expert", _("La persona experta")
        BROKER = "broker", _("El gestor")

    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("consulta")
    )
    side = models.CharField(_("lo reporta"), max_length=10, choices=Side.choices)
    kind = models.CharField(_("resultado"), max_length=12, choices=OutcomeKind.choices)
    amount = models.DecimalField(
        _("monto"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("moneda"), max_length=3, choices=Currency.choices, blank=True)
    note = models.TextField(_("comentario"), blank=True, max_length=2000)
    months_after = models.PositiveSmallIntegerField(_("meses después"), null=True, blank=True)
    created_at = models.DateTimeField(_("registrado"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("resultado de una presentación")
        verbose_name_plural = _("resultados de presentaciones")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="investment") | Q(amount__isnull=False, currency__gt=""),
                name="enquiry_investment_has_amount",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enquiry_id}: {self.kind}"


class FollowUp(models.Model):
    """A "what came of it?" sent to both sides N months after the introduction (once each)."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("meses después"))
    sent_at = models.DateTimeField(_("enviado"), default=timezone.now)

    class Meta:
        ordering = ["enquiry", "months"]
        verbose_name = _("seguimiento")
        verbose_name_plural = _("seguimientos")
        constraints = [models.UniqueConstraint(fields=["enquiry", "months"], name="follow_up_once")]

    def __str__(self) -> str:
        return f"{self.enquiry_id}: {self.months}"
