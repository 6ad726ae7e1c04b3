"""Institutions of the region, their members, and the moderation audit log."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from profiles.models.reference import State
from profiles.validators import validate_logo_size


class InstitutionQuerySet(models.QuerySet):
    def verified(self) -> "InstitutionQuerySet":
        return self.filter(verification_status=Institution.Verification.VERIFIED)

    def pending(self) -> "InstitutionQuerySet":
        return self.filter(verification_status=Institution.Verification.PENDING)

    def of_member(self, user: object) -> "InstitutionQuerySet":
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user)

    def administered_by(self, user: object) -> "InstitutionQuerySet":
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)


class Institution(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("Universidad")
        RESEARCH_CENTRE = "research_centre", _("Centro de investigación")
        COMPANY = "company", _("Empresa")
        GOVERNMENT = "government", _("Dependencia de gobierno")
        NONPROFIT = "nonprofit", _("Organización sin fines de lucro")
        CLUSTER = "cluster", _("Clúster o cámara")

    class Verification(models.TextChoices):
        PENDING = "pending", _("Pendiente de verificación")
        VERIFIED = "verified", _("Verificada")
        REJECTED = "rejected", _("Rechazada")

    name = models.CharField(_("nombre"), max_length=200)
    slug = models.SlugField(_("identificador"), max_length=220, unique=True)
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="institutions"
    )
    municipality = models.CharField(_("municipio"), max_length=120, blank=True)
    website = models.URLField(_("sitio web"), blank=True)
    description = models.TextField(_("descripción"), blank=True, max_length=3000)
    logo = models.ImageField(
        _("logotipo"),
        upload_to="logos/",
        blank=True,
        validators=[
            FileExtensionValidator(["png", "jpg", "jpeg", "webp"]),
            validate_logo_size,
        ],
        help_text=_("PNG, JPG o WebP, máximo 1 MB."),
    )
    verification_status = models.CharField(
        _("verificación"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.PENDING,
    )
    rejection_reason = models.TextField(_("motivo del rechazo"), blank=True)
    verified_at = models.DateTimeField(_("verificada el"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrada por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrada el"), auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="institutions"
    )

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        constraints = [
            models.CheckConstraint(
                condition=~Q(verification_status="rejected") | ~Q(rejection_reason=""),
                name="institution_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.Verification.VERIFIED


class Membership(models.Model):
    class Role(models.TextChoices):
        LIAISON = "liaison", _("Enlace")
        ADMIN = "admin", _("Administrador de la institución")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institución"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rol"), max_length=8, choices=Role.choices, default=Role.LIAISON)
    created_at = models.DateTimeField(_("desde"), auto_now_add=True)

    class Meta:
        verbose_name = _("membresía")
        verbose_name_plural = _("membresías")
        constraints = [
            models.UniqueConstraint(fields=["user", "institution"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.institution} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class MembershipInvitation(models.Model):
    """An institution admin invites a colleague by e-mail; accepting creates a Membership."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institución"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("correo electrónico"))
    role = models.CharField(
        _("rol"), max_length=8, choices=Membership.Role.choices, default=Membership.Role.LIAISON
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invitada por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enviada"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("aceptada"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revocada"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitación a la institución")
        verbose_name_plural = _("invitaciones a la institución")
        constraints = [
            models.UniqueConstraint(
                "institution",
                models.functions.Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="membership_invitation_open_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.institution}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class AuditEntry(models.Model):
    """Who did what to which object, when and why: moderation and membership decisions."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("quién"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("acción"), max_length=64)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("tipo de objeto"), on_delete=models.CASCADE
    )
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("objeto"), max_length=200)
    note = models.TextField(_("nota"), blank=True)
    created_at = models.DateTimeField(_("cuándo"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registro de auditoría")
        verbose_name_plural = _("registro de auditoría")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"
