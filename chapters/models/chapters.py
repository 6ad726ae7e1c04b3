"""Chapters (abroad, state nodes, regional coordinations, thematic networks) and who belongs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from chapters.models.choices import (
    COORDINATING_ROLES,
    ChapterKind,
    ChapterStatus,
    ChapterVisibility,
    JoinPolicy,
    MembershipState,
    Role,
)
from profiles.models import State
from profiles.permissions import signed_in


def bilingual(spanish: str, english: str) -> str:
    """The English text for English readers when there is one, else the Spanish one."""
    if english and (get_language() or "es").startswith("en"):
        return english
    return spanish


class ChapterQuerySet(models.QuerySet):
    def active(self) -> "ChapterQuerySet":
        return self.filter(status=ChapterStatus.ACTIVE)

    def visible_to(self, user: object) -> "ChapterQuerySet":
        """Public chapters for anyone; members-only ones for network members, staff and the
        chapter's own members."""
        if not signed_in(user):
            return self.filter(visibility=ChapterVisibility.PUBLIC)
        if getattr(user, "is_network_member", False):
            return self
        return self.filter(
            Q(visibility=ChapterVisibility.PUBLIC)
            | Q(memberships__user=user, memberships__state=MembershipState.ACTIVE)
        ).distinct()


class Chapter(models.Model):
    kind = models.CharField(_("tipo"), max_length=12, choices=ChapterKind.choices)
    name_es = models.CharField(_("nombre (español)"), max_length=120)
    name_en = models.CharField(_("nombre (inglés)"), max_length=120, blank=True)
    description_es = models.TextField(_("descripción (español)"), blank=True, max_length=4000)
    description_en = models.TextField(_("descripción (inglés)"), blank=True, max_length=4000)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = CountryField(_("país"), blank=True)
    city = models.CharField(_("ciudad"), max_length=120, blank=True)
    state = models.ForeignKey(
        State,
        verbose_name=_("estado"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("coordinación regional"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chapters",
        limit_choices_to={"kind": ChapterKind.REGIONAL},
    )
    status = models.CharField(
        _("estado de actividad"),
        max_length=8,
        choices=ChapterStatus.choices,
        default=ChapterStatus.ACTIVE,
    )
    founded_on = models.DateField(_("fundado el"), null=True, blank=True)
    visibility = models.CharField(
        _("visibilidad"),
        max_length=8,
        choices=ChapterVisibility.choices,
        default=ChapterVisibility.PUBLIC,
    )
    join_policy = models.CharField(
        _("cómo se entra"), max_length=12, choices=JoinPolicy.choices, default=JoinPolicy.APPROVAL
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = ChapterQuerySet.as_manager()

    class Meta:
        ordering = ["name_es"]
        verbose_name = _("capítulo")
        verbose_name_plural = _("capítulos")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ChapterKind.ABROAD) | ~Q(country=""),
                name="chapter_abroad_has_country",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ChapterKind.STATE_NODE) | Q(state__isnull=False),
                name="chapter_node_has_state",
            ),
            models.UniqueConstraint(
                fields=["state"],
                condition=Q(kind=ChapterKind.STATE_NODE),
                name="chapter_one_node_per_state",
            ),
        ]

    def __str__(self) -> str:
        return self.name_es

    @property
    def name(self) -> str:
        return bilingual(self.name_es, self.name_en)

    @property
    def description(self) -> str:
        return bilingual(self.description_es, self.description_en)

    @property
    def is_active(self) -> bool:
        return self.status == ChapterStatus.ACTIVE


class MembershipQuerySet(models.QuerySet):
    def active(self) -> "MembershipQuerySet":
        return self.filter(state=MembershipState.ACTIVE)

    def requested(self) -> "MembershipQuerySet":
        return self.filter(state=MembershipState.REQUESTED)

    def coordinating(self) -> "MembershipQuerySet":
        return self.active().filter(role__in=COORDINATING_ROLES)


class ChapterMembership(models.Model):
    """A person in a chapter. A person may belong to several (where they live, where they
    come from, a thematic network); one row per person and chapter, its state moving on."""

    chapter = models.ForeignKey(
        Chapter, verbose_name=_("capítulo"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        related_name="chapter_memberships",
    )
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(
        _("estado"),
        max_length=10,
        choices=MembershipState.choices,
        default=MembershipState.REQUESTED,
    )
    requested_at = models.DateTimeField(_("solicitada"), auto_now_add=True)
    joined_at = models.DateTimeField(_("se unió"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("cambio de estado"), null=True, blank=True)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cambiado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("motivo"), max_length=500, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membresía de capítulo")
        verbose_name_plural = _("membresías de capítulos")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "user"], name="chapter_membership_unique"),
        ]
        indexes = [models.Index(fields=["chapter", "state"], name="chapter_membership_state")]

    def __str__(self) -> str:
        return f"{self.user} · {self.chapter}"

    @property
    def is_active(self) -> bool:
        return self.state == MembershipState.ACTIVE

    @property
    def is_coordinating(self) -> bool:
        return self.is_active and self.role in COORDINATING_ROLES


class ChapterInvitation(models.Model):
    """An e-mailed invitation to join a chapter; the link carries a signed id."""

    chapter = models.ForeignKey(
        Chapter, verbose_name=_("capítulo"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("correo electrónico"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invitó"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("aceptada"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitación a un capítulo")
        verbose_name_plural = _("invitaciones a capítulos")

    def __str__(self) -> str:
        return f"{self.email} · {self.chapter}"
