"""Events of chapters, nodes and the whole network, and who registered.

Registrations are the outcome the observatory counts: an attended event is a registration with
`checked_in_at` set."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from chapters.models.chapters import Chapter, bilingual
from chapters.models.choices import (
    ChapterVisibility,
    EventKind,
    EventStatus,
    MembershipState,
    RegistrationState,
)
from profiles.permissions import signed_in
from profiles.validators import validate_timezone


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(status=EventStatus.PUBLISHED)

    def upcoming(self, now: object) -> "EventQuerySet":
        return self.filter(ends_at__gte=now)

    def visible_to(self, user: object) -> "EventQuerySet":
        """Published public events for anyone; members-only ones for network members and the
        chapter's members; every event of a chapter for its coordinators; all for staff."""
        if not signed_in(user):
            return self.published().filter(visibility=ChapterVisibility.PUBLIC)
        if user.is_staff:
            return self
        coordinated = Q(
            chapter__memberships__user=user,
            chapter__memberships__state=MembershipState.ACTIVE,
            chapter__memberships__role__in=["coordinator", "co_coordinator"],
        )
        if user.is_network_member:
            seen = Q(status=EventStatus.PUBLISHED)
        else:
            seen = Q(status=EventStatus.PUBLISHED) & (
                Q(visibility=ChapterVisibility.PUBLIC)
                | Q(
                    chapter__memberships__user=user,
                    chapter__memberships__state=MembershipState.ACTIVE,
                )
            )
        return self.filter(pk__in=self.filter(seen | coordinated).values("pk"))

    def with_counts(self) -> "EventQuerySet":
        return self.annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__state=RegistrationState.REGISTERED)
            ),
            waitlisted_count=Count(
                "registrations", filter=Q(registrations__state=RegistrationState.WAITLISTED)
            ),
        )


class Event(models.Model):
    chapter = models.ForeignKey(
        Chapter,
        verbose_name=_("capítulo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        help_text=_("Vacío: un evento de toda la red."),
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=EventKind.choices)
    title_es = models.CharField(_("título (español)"), max_length=160)
    title_en = models.CharField(_("título (inglés)"), max_length=160, blank=True)
    description_es = models.TextField(_("descripción (español)"), blank=True, max_length=6000)
    description_en = models.TextField(_("descripción (inglés)"), blank=True, max_length=6000)
    starts_at = models.DateTimeField(_("empieza"))
    ends_at = models.DateTimeField(_("termina"))
    timezone = models.CharField(
        _("zona horaria del evento"),
        max_length=64,
        default="America/Mexico_City",
        validators=[validate_timezone],
    )
    venue = models.CharField(_("lugar"), max_length=300, blank=True)
    online_url = models.URLField(
        _("enlace en línea"),
        blank=True,
        help_text=_("Solo lo ven las personas inscritas."),
    )
    capacity = models.PositiveIntegerField(
        _("cupo"), null=True, blank=True, help_text=_("Vacío: sin límite.")
    )
    visibility = models.CharField(
        _("visibilidad"),
        max_length=8,
        choices=ChapterVisibility.choices,
        default=ChapterVisibility.PUBLIC,
    )
    status = models.CharField(
        _("estado"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    published_at = models.DateTimeField(_("publicado"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("recordatorio enviado"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("evento")
        verbose_name_plural = _("eventos")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="event_status_start")]

    def __str__(self) -> str:
        return self.title_es

    @property
    def title(self) -> str:
        return bilingual(self.title_es, self.title_en)

    @property
    def description(self) -> str:
        return bilingual(self.description_es, self.description_en)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_network_wide(self) -> bool:
        return self.chapter_id is None

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED


class RegistrationQuerySet(models.QuerySet):
    def registered(self) -> "RegistrationQuerySet":
        return self.filter(state=RegistrationState.REGISTERED)

    def waitlisted(self) -> "RegistrationQuerySet":
        return self.filter(state=RegistrationState.WAITLISTED)

    def attended(self) -> "RegistrationQuerySet":
        return self.filter(checked_in_at__isnull=False)


class EventRegistration(models.Model):
    """One person's place at an event: registered, on the waiting list (in `queued_at` order)
    or cancelled. One row per person and event; re-registering reuses it at the list's end."""

    event = models.ForeignKey(
        Event, verbose_name=_("evento"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    state = models.CharField(_("estado"), max_length=10, choices=RegistrationState.choices)
    queued_at = models.DateTimeField(_("en la fila desde"))
    promoted_at = models.DateTimeField(_("pasó de la lista de espera"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelada"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("asistencia registrada"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registró la asistencia"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("inscripción a un evento")
        verbose_name_plural = _("inscripciones a eventos")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="event_registration_unique"),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(state=RegistrationState.REGISTERED),
                name="event_checkin_only_registered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}"

    @property
    def is_registered(self) -> bool:
        return self.state == RegistrationState.REGISTERED

    @property
    def is_waitlisted(self) -> bool:
        return self.state == RegistrationState.WAITLISTED
