"""API keys for partner systems, their webhook subscriptions and the delivery log."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.models import Institution, Membership


class ApiScope(models.TextChoices):
    PROJECTS_READ = "projects:read", _("Leer proyectos, invitaciones y colaboraciones")
    PROJECTS_WRITE = "projects:write", _("Crear y editar proyectos, invitar, registrar resultados")
    EXPERTS_READ = "experts:read", _("Leer perfiles de personas expertas (sin datos de contacto)")
    MATCHES_READ = "matches:read", _("Leer las personas expertas sugeridas para sus proyectos")
    WEBHOOKS_MANAGE = "webhooks:manage", _("Administrar webhooks y ver sus entregas")
    CHAPTERS_READ = "chapters:read", _("Leer capítulos, nodos y eventos (sin datos personales)")
    ENQUIRIES_SUBMIT = "enquiries:submit", _("Enviar consultas a los gestores y seguir su estado")


# Scopes that only make sense for a key acting for an institution (they touch its projects).
INSTITUTION_ONLY_SCOPES = frozenset({ApiScope.PROJECTS_WRITE, ApiScope.MATCHES_READ})


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> "ApiKeyQuerySet":
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def with_issuer_standing(self) -> "ApiKeyQuerySet":
        """Annotates `issuer_may_issue`: the issuer could still issue the key (an active
        account that is an admin of the key's institution, or platform staff for a partner
        key). A key acts through its issuer, so it stops with them."""
        issuer_is_admin = Exists(
            Membership.objects.filter(
                user=OuterRef("created_by"),
                institution=OuterRef("institution"),
                role=Membership.Role.ADMIN,
            )
        )
        may_issue = Q(created_by__is_active=True) & (
            (Q(institution__isnull=False) & issuer_is_admin)
            | Q(institution__isnull=True, created_by__is_staff=True)
        )
        return self.annotate(
            issuer_may_issue=Case(
                When(may_issue, then=True), default=False, output_field=BooleanField()
            )
        )

    def usable(self) -> "ApiKeyQuerySet":
        """Keys that open the API: active, and their issuer may still issue them. The API's
        authentication and the webhooks of partner keys both follow this."""
        return self.active().with_issuer_standing().filter(issuer_may_issue=True)

    def of_institution(self, institution: Institution) -> "ApiKeyQuerySet":
        return self.filter(institution=institution)


class ApiKey(models.Model):
    """A secret a partner system sends as `Authorization: Bearer <key>`.

    Only a SHA-256 hash of the key is stored (keys are 256-bit random, so a slow hash adds
    nothing); the prefix is stored in clear so people can tell keys apart. A key acts for its
    institution through the person who issued it, or for a partner organisation (issued by
    platform staff), which may only read.
    """

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institución"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_keys",
    )
    partner_name = models.CharField(
        _("organización aliada"),
        max_length=200,
        blank=True,
        help_text=_("Para claves de organizaciones que no son una institución de la red."),
    )
    contact_email = models.EmailField(
        _("correo de contacto"),
        blank=True,
        help_text=_("Recibe los avisos técnicos (p. ej. un webhook desactivado)."),
    )
    name = models.CharField(
        _("nombre"), max_length=100, help_text=_("Para qué sistema es. Ej.: «CRM de vinculación».")
    )
    prefix = models.CharField(_("prefijo"), max_length=16, unique=True, editable=False)
    hashed_key = models.CharField(max_length=64, editable=False)
    scopes = ArrayField(
        models.CharField(max_length=32, choices=ApiScope.choices),
        verbose_name=_("permisos"),
        default=list,
    )
    expires_at = models.DateTimeField(_("vence"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revocada"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revocada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("último uso"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("emitida por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("emitida"), default=timezone.now)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("clave de API")
        verbose_name_plural = _("claves de API")
        constraints = [
            models.CheckConstraint(
                condition=Q(institution__isnull=False) | ~Q(partner_name=""),
                name="apikey_has_owner",
                violation_error_message=_(
                    "Una clave pertenece a una institución o a una organización aliada."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def owner_name(self) -> str:
        return self.institution.name if self.institution is not None else self.partner_name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return not self.is_revoked and not self.is_expired

    @property
    def sees_members_content(self) -> bool:
        """Keys of a verified institution see what network members see (members-only
        profiles and projects); other keys see what the public sees."""
        return self.institution is not None and self.institution.is_verified

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def get_scopes_display(self) -> list[str]:
        labels = dict(ApiScope.choices)
        return [str(labels.get(s, s)) for s in self.scopes]


class WebhookEvent(models.TextChoices):
    PROJECT_PUBLISHED = "project.published", _("Un proyecto se publicó")
    PROJECT_CLOSED = "project.closed", _("Un proyecto dejó de recibir interesados")
    MATCH_CREATED = "match.created", _("Hay personas expertas sugeridas para un proyecto suyo")
    INVITATION_ACCEPTED = "invitation.accepted", _("Una persona aceptó una invitación suya")
    OUTCOME_RECORDED = (
        "engagement.outcome_recorded",
        _("Se registró un resultado de una colaboración suya"),
    )
    EVENT_PUBLISHED = "event.published", _("Se publicó un evento de la red o de un capítulo")
    CHAPTER_MEMBER_JOINED = "chapter.member_joined", _("Alguien se unió a un capítulo")
    ENQUIRY_STATUS_CHANGED = "enquiry.status_changed", _("Una consulta suya cambió de estado")


ALREADY_SUBSCRIBED = _(
    "Ya hay un webhook para esta URL: cambia sus eventos en lugar de suscribirla otra vez."
)


class WebhookSubscriptionQuerySet(models.QuerySet):
    def active(self) -> "WebhookSubscriptionQuerySet":
        return self.filter(is_active=True)

    def for_event(self, event: str) -> "WebhookSubscriptionQuerySet":
        return self.active().filter(events__contains=[event])

    def owned_by_key(self, key: ApiKey) -> "WebhookSubscriptionQuerySet":
        """What a key manages: its institution's subscriptions, or its own (partner keys)."""
        if key.institution_id:
            return self.filter(institution_id=key.institution_id)
        return self.filter(partner_key=key)


class WebhookSubscription(models.Model):
    """A URL that receives signed POSTs for some events.

    Owned by an institution (managed by its admins in the site or by its keys) or by a partner
    organisation's key. `previous_secret` keeps signing until `previous_secret_expires_at`,
    so a receiver can switch secrets without losing deliveries.
    """

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institución"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    partner_key = models.ForeignKey(
        ApiKey,
        verbose_name=_("clave de la organización aliada"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("descripción"), max_length=200, blank=True)
    events = ArrayField(
        models.CharField(max_length=40, choices=WebhookEvent.choices), verbose_name=_("eventos")
    )
    secret = models.CharField(_("secreto"), max_length=80, editable=False)
    previous_secret = models.CharField(max_length=80, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(_("activo"), default=True)
    consecutive_failures = models.PositiveIntegerField(_("fallos seguidos"), default=0)
    disabled_at = models.DateTimeField(_("desactivado automáticamente"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creado"), default=timezone.now)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = WebhookSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        constraints = [
            models.CheckConstraint(
                condition=Q(institution__isnull=False, partner_key__isnull=True)
                | Q(institution__isnull=True, partner_key__isnull=False),
                name="webhook_has_one_owner",
            ),
            # A second subscription of the same URL would deliver every event twice.
            models.UniqueConstraint(
                fields=["institution", "url"],
                name="webhook_url_once_per_institution",
                violation_error_message=ALREADY_SUBSCRIBED,
            ),
            models.UniqueConstraint(
                fields=["partner_key", "url"],
                name="webhook_url_once_per_partner_key",
                violation_error_message=ALREADY_SUBSCRIBED,
            ),
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def owner_name(self) -> str:
        if self.institution is not None:
            return self.institution.name
        return self.partner_key.partner_name if self.partner_key is not None else ""

    @property
    def sees_members_content(self) -> bool:
        return self.institution is not None and self.institution.is_verified

    def signing_secrets(self) -> list[str]:
        """The current secret, plus the previous one while its grace period lasts."""
        secrets = [self.secret]
        if (
            self.previous_secret
            and self.previous_secret_expires_at
            and self.previous_secret_expires_at > timezone.now()
        ):
            secrets.append(self.previous_secret)
        return secrets

    def get_events_display(self) -> list[str]:
        labels = dict(WebhookEvent.choices)
        return [str(labels.get(e, e)) for e in self.events]


class WebhookDelivery(models.Model):
    """One event sent (or to be sent) to one subscription, with its last attempt's result."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En cola")
        RETRYING = "retrying", _("Reintentando")
        DELIVERED = "delivered", _("Entregado")
        FAILED = "failed", _("Falló")

    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name=_("webhook"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("evento"), max_length=40, choices=WebhookEvent.choices)
    # Shared by every delivery of one event (and by redeliveries): receivers deduplicate on it.
    event_id = models.UUIDField(_("id del evento"), default=uuid.uuid4, db_index=True)
    payload = models.JSONField(_("contenido"), encoder=DjangoJSONEncoder)
    status = models.CharField(
        _("estado"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("intentos"), default=0)
    response_code = models.PositiveSmallIntegerField(_("código de respuesta"), null=True)
    duration_ms = models.PositiveIntegerField(_("duración (ms)"), null=True)
    error = models.TextField(_("error"), blank=True)
    redelivery_of = models.ForeignKey(
        "self",
        verbose_name=_("reenvío de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="redeliveries",
    )
    created_at = models.DateTimeField(_("creado"), default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(_("último intento"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("próximo intento"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("entregado"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("entrega de webhook")
        verbose_name_plural = _("entregas de webhooks")
        indexes = [
            models.Index(fields=["subscription", "-created_at"], name="delivery_log_idx"),
        ]
        constraints = [
            # One original delivery per event and subscription (a re-run fan-out is a no-op).
            models.UniqueConstraint(
                fields=["subscription", "event_id"],
                condition=Q(redelivery_of__isnull=True),
                name="delivery_event_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription_id} ({self.status})"

    @property
    def is_final(self) -> bool:
        return self.status in (self.Status.DELIVERED, self.Status.FAILED)
