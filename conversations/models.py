"""Private threads after an accepted interest or invitation: one per engagement, between the
expert and the members of the project's institution (whoever is a member when they open it).

Messages are plain text (shown escaped, never as HTML), may carry one attachment (kept in a
private storage, downloaded only through a view that checks who asks) or propose a meeting
(an `.ics` file). Staff cannot read a thread unless one side reports abuse in it.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.choices import EngagementStatus
from projects.models import Engagement


def attachment_storage() -> Storage:
    """Outside MEDIA_ROOT and with no URL: no web server can hand a file out by itself."""
    return FileSystemStorage(location=settings.CONVERSATIONS_ATTACHMENT_ROOT, base_url=None)


def attachment_path(instance: "Message", filename: str) -> str:
    # The stored name never carries the uploaded one (shown from attachment_name instead).
    return f"threads/{instance.thread_id}/{timezone.now():%Y%m%d%H%M%S%f}.bin"


class ThreadQuerySet(models.QuerySet):
    def of_participant(self, user: object) -> "ThreadQuerySet":
        """Threads `user` takes part in: as the expert, or as a member of the institution."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(engagement__expert__user=user)
            | Q(engagement__project__institution__memberships__user=user)
        ).distinct()

    def reported(self) -> "ThreadQuerySet":
        return self.filter(reported_at__isnull=False)


class Thread(models.Model):
    engagement = models.OneToOneField(
        Engagement,
        verbose_name=_("colaboración"),
        on_delete=models.CASCADE,
        related_name="thread",
    )
    created_at = models.DateTimeField(_("creada"), default=timezone.now)
    last_message_at = models.DateTimeField(_("último mensaje"), null=True, blank=True)
    # Set by the first abuse report: from then on staff may read the thread in the admin.
    reported_at = models.DateTimeField(_("denunciada"), null=True, blank=True)

    objects = ThreadQuerySet.as_manager()

    unread: int  # set by conversations.selectors.thread_list

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("conversación")
        verbose_name_plural = _("conversaciones")

    def __str__(self) -> str:
        return str(self.engagement)

    @property
    def takes_messages(self) -> bool:
        return self.engagement.status != EngagementStatus.CANCELLED


class Message(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Mensaje")
        MEETING = "meeting", _("Propuesta de reunión")

    thread = models.ForeignKey(
        Thread, verbose_name=_("conversación"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField(_("texto"), blank=True)
    created_at = models.DateTimeField(_("enviado"), default=timezone.now)
    attachment = models.FileField(
        _("adjunto"), storage=attachment_storage, upload_to=attachment_path, blank=True
    )
    attachment_name = models.CharField(_("nombre del adjunto"), max_length=200, blank=True)
    attachment_type = models.CharField(_("tipo del adjunto"), max_length=100, blank=True)
    attachment_size = models.PositiveIntegerField(_("tamaño del adjunto"), null=True, blank=True)
    meeting_starts_at = models.DateTimeField(_("inicio de la reunión"), null=True, blank=True)
    meeting_minutes = models.PositiveSmallIntegerField(_("duración"), null=True, blank=True)
    meeting_timezone = models.CharField(_("zona horaria"), max_length=64, blank=True)
    meeting_place = models.CharField(_("lugar o enlace"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("mensaje")
        verbose_name_plural = _("mensajes")
        indexes = [models.Index(fields=["thread", "created_at"], name="message_thread_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="meeting")
                | Q(meeting_starts_at__isnull=False, meeting_minutes__isnull=False),
                name="message_meeting_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.pk}"

    @property
    def is_meeting(self) -> bool:
        return self.kind == self.Kind.MEETING


class ThreadRead(models.Model):
    """Up to when one participant has read a thread (what is newer is unread)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="thread_read_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}:{self.user_id}"


class AbuseReport(models.Model):
    thread = models.ForeignKey(
        Thread, verbose_name=_("conversación"), on_delete=models.CASCADE, related_name="reports"
    )
    message = models.ForeignKey(
        Message,
        verbose_name=_("mensaje"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("denunciado por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("motivo"))
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("denuncia de abuso")
        verbose_name_plural = _("denuncias de abuso")

    def __str__(self) -> str:
        return f"{self.thread} ({self.created_at:%Y-%m-%d})"
