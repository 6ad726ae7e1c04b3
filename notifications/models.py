"""Notifications (what the notification centre shows), e-mail deliveries (the outbox) and
per-user preferences.

A Notification is written by notifications.services in the same transaction as the change it
reports; when it is to be e-mailed at once, its EmailDelivery row is written in that same
transaction too. The delivery row is the outbox: see notifications.services.delivery for how
it is sent exactly once.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SUGGESTED_PROJECTS = "suggested_projects", _("Proyectos sugeridos para ti")
    SUGGESTED_EXPERTS = "suggested_experts", _("Personas expertas sugeridas para un proyecto")
    INTEREST_RECEIVED = "interest_received", _("Alguien mostró interés en un proyecto")
    INTEREST_ACCEPTED = "interest_accepted", _("La institución aceptó tu interés")
    INTEREST_DECLINED = "interest_declined", _("La institución declinó tu interés")
    INVITATION_RECEIVED = "invitation_received", _("Te invitaron a un proyecto")
    INVITATION_ACCEPTED = "invitation_accepted", _("Aceptaron una invitación")
    INVITATION_DECLINED = "invitation_declined", _("Declinaron una invitación")
    INVITATION_EXPIRING = "invitation_expiring", _("Una invitación está por vencer")
    PROJECT_APPROVED = "project_approved", _("Un proyecto fue aprobado")
    PROJECT_REJECTED = "project_rejected", _("Un proyecto fue rechazado")
    INSTITUTION_VERIFIED = "institution_verified", _("Una institución fue verificada")
    INSTITUTION_REJECTED = "institution_rejected", _("Una institución fue rechazada")
    ENGAGEMENT_FOLLOW_UP = "engagement_follow_up", _("Seguimiento de una colaboración")
    MEMBERSHIP_INVITATION = "membership_invitation", _("Invitación a unirte a una institución")
    WEBHOOK_DISABLED = "webhook_disabled", _("Un webhook fue desactivado por fallar")
    ACCOUNT_SUSPENDED = "account_suspended", _("Tu cuenta fue suspendida")
    ACCOUNT_REINSTATED = "account_reinstated", _("Tu cuenta fue reactivada")
    CHAPTER_REQUEST_ANSWERED = (
        "chapter_request_answered",
        _("Respondieron tu solicitud a un capítulo"),
    )
    CHAPTER_INVITATION = "chapter_invitation", _("Invitación a unirte a un capítulo")
    CHAPTER_ANNOUNCEMENT = "chapter_announcement", _("Anuncios de tus capítulos")
    CHAPTER_PROJECT_SHARED = (
        "chapter_project_shared",
        _("Necesidades compartidas con tus capítulos"),
    )
    EVENT_SEAT_PROMOTED = "event_seat_promoted", _("Se liberó un lugar para ti en un evento")
    EVENT_REMINDER = "event_reminder", _("Recordatorio de un evento")
    INTRODUCTION_REQUESTED = "introduction_requested", _("Te piden una presentación")
    INTRODUCTION_MADE = "introduction_made", _("Una presentación quedó hecha")
    ENQUIRY_DECLINED = "enquiry_declined", _("Una consulta fue declinada")
    ENQUIRY_OVERDUE = "enquiry_overdue", _("Una consulta pasó su plazo de respuesta")
    ENQUIRY_FOLLOW_UP = "enquiry_follow_up", _("¿Qué resultó de una presentación?")
    MESSAGE_RECEIVED = "message_received", _("Mensajes nuevos en tus conversaciones")
    CHAPTER_COORDINATION_VACATED = (
        "chapter_coordination_vacated",
        _("Un capítulo se quedó sin coordinación"),
    )


class Frequency(models.TextChoices):
    """When a kind of notification is e-mailed. The in-site notice always appears."""

    IMMEDIATELY = "immediately", _("En cuanto ocurra")
    DAILY = "daily", _("En un resumen diario")
    WEEKLY = "weekly", _("En un resumen semanal")
    NEVER = "never", _("Nunca por correo")


DIGEST_FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY)

# Suggestions come in bursts (every recomputation), so they are digested by default; anything
# that waits for the reader's answer or decision goes out at once.
DEFAULT_FREQUENCIES: dict[str, str] = {
    Kind.SUGGESTED_PROJECTS: Frequency.WEEKLY,
    Kind.SUGGESTED_EXPERTS: Frequency.DAILY,
}


# Operations notices whoever answers for an integration must get: always e-mailed at once,
# never offered on the preferences page, and their e-mails carry no unsubscribe link.
# Notices about one's own account are mandatory too (the law and fairness require telling).
MANDATORY_KINDS = frozenset(
    {
        Kind.WEBHOOK_DISABLED,
        Kind.ACCOUNT_SUSPENDED,
        Kind.ACCOUNT_REINSTATED,
        Kind.CHAPTER_COORDINATION_VACATED,
    }
)


def default_frequency(kind: str) -> str:
    return DEFAULT_FREQUENCIES.get(kind, Frequency.IMMEDIATELY)


def can_turn_off(kind: str) -> bool:
    """Whether a person may choose how (or whether) `kind` is e-mailed to them."""
    return kind in Kind.values and kind not in MANDATORY_KINDS


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def for_user(self, user: object) -> "NotificationQuerySet":
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def awaiting_digest(self, frequency: str) -> "NotificationQuerySet":
        """Not yet e-mailed, not yet read in the site, waiting for a `frequency` digest."""
        return self.filter(email_frequency=frequency, digest__isnull=True, read_at__isnull=True)


class Notification(models.Model):
    """Something that concerns one person: shown in the notification centre, maybe e-mailed.

    `payload` holds everything the notice and its e-mail show (titles, names, the link path),
    copied when it is written, so lists and digests render without loading other rows and
    say what was true at the time.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinatario"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("tipo"), max_length=40, choices=Kind.choices)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    payload = models.JSONField(_("datos"), default=dict, blank=True)
    # One notice per recipient and fact (e.g. "invitation_received:invitation:42"): a repeated
    # event or a second run of a periodic task finds it and writes nothing.
    key = models.CharField(_("clave"), max_length=200)
    email_frequency = models.CharField(
        _("envío por correo"), max_length=12, choices=Frequency.choices
    )
    digest = models.ForeignKey(
        "EmailDelivery",
        verbose_name=_("resumen que lo incluyó"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="digest_items",
    )
    created_at = models.DateTimeField(_("creado"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("leído"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("aviso")
        verbose_name_plural = _("avisos")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_key_unique"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["email_frequency", "recipient"],
                condition=Q(
                    digest__isnull=True,
                    read_at__isnull=True,
                    email_frequency__in=["daily", "weekly"],
                ),
                name="notification_digest_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def url(self) -> str:
        """The path of what the notice is about ("" when there is none)."""
        return self.payload.get("url", "")


class EmailDeliveryQuerySet(models.QuerySet):
    def stale(self, now: datetime.datetime) -> "EmailDeliveryQuerySet":
        """What the sweeper re-enqueues: pending rows nobody picked up in time, and rows left
        `sending` longer than the lease (their worker died)."""
        grace = now - datetime.timedelta(seconds=settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS)
        lease = now - datetime.timedelta(seconds=settings.NOTIFICATIONS_DELIVERY_LEASE_SECONDS)
        due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=grace)
        return self.filter(
            (Q(state=EmailDelivery.State.PENDING) & due)
            | Q(state=EmailDelivery.State.SENDING, claimed_at__lte=lease),
            enqueued_at__lte=grace,
        )


class EmailDelivery(models.Model):
    """One e-mail to send: a notification's, or a digest of several. The outbox row.

    pending → sending (claimed by one worker, with a lease) → sent | failed. A worker that dies
    leaves `sending`; after the lease the row can be claimed again.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pendiente")
        SENDING = "sending", _("Enviándose")
        SENT = "sent", _("Enviado")
        FAILED = "failed", _("Falló")

    DIGEST_DAILY = "digest_daily"
    DIGEST_WEEKLY = "digest_weekly"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinatario"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Vacío cuando la dirección aún no tiene cuenta (p. ej. una invitación)."),
    )
    to_email = models.EmailField(_("dirección"))
    language = models.CharField(_("idioma"), max_length=8, default="es")
    kind = models.CharField(_("tipo"), max_length=40)
    notification = models.OneToOneField(
        Notification,
        verbose_name=_("aviso"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="email_delivery",
    )
    # What the e-mail shows when there is no Notification row (an address without an
    # account) or, for a digest, its period.
    payload = models.JSONField(_("datos"), default=dict, blank=True)
    idempotency_key = models.CharField(_("clave de idempotencia"), max_length=200, unique=True)
    message_id = models.CharField(_("Message-ID"), max_length=255)
    state = models.CharField(
        _("estado"), max_length=8, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("intentos"), default=0)
    last_error = models.TextField(_("último error"), blank=True)
    created_at = models.DateTimeField(_("creado"), default=timezone.now)
    enqueued_at = models.DateTimeField(_("encolado"), default=timezone.now)
    claimed_at = models.DateTimeField(_("tomado por un proceso"), null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(_("próximo intento"), null=True, blank=True)
    sent_at = models.DateTimeField(_("enviado"), null=True, blank=True)

    objects = EmailDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("envío de correo")
        verbose_name_plural = _("envíos de correo")
        indexes = [
            models.Index(
                fields=["state", "enqueued_at"],
                condition=Q(state__in=["pending", "sending"]),
                name="delivery_open_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False),
                name="delivery_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to_email} ({self.get_state_display()})"

    @property
    def is_digest(self) -> bool:
        return self.kind in (self.DIGEST_DAILY, self.DIGEST_WEEKLY)


class NotificationPreference(models.Model):
    """How one person wants one kind e-mailed. No row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("tipo"), max_length=40, choices=Kind.choices)
    frequency = models.CharField(_("frecuencia"), max_length=12, choices=Frequency.choices)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)

    class Meta:
        verbose_name = _("preferencia de avisos")
        verbose_name_plural = _("preferencias de avisos")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} = {self.frequency}"


class EmailOptOut(models.Model):
    """An address without an account that asked not to receive a kind of e-mail again
    (e.g. invitations to join an institution)."""

    email = models.EmailField(_("dirección"))
    kind = models.CharField(_("tipo"), max_length=40, choices=Kind.choices)
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True)

    class Meta:
        verbose_name = _("baja de correos")
        verbose_name_plural = _("bajas de correos")
        constraints = [
            models.UniqueConstraint(Lower("email"), "kind", name="email_opt_out_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.kind}"
