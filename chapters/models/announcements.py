"""What coordinators send to and share with their chapter."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chapters.models.chapters import Chapter
from projects.models import Project


class Announcement(models.Model):
    """A message to a chapter's active members, delivered by notifications (notice + e-mail
    per each person's preferences)."""

    chapter = models.ForeignKey(
        Chapter,
        verbose_name=_("capítulo"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    subject = models.CharField(_("asunto"), max_length=160)
    body = models.TextField(_("mensaje"), max_length=5000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enviado por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("enviado"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("anuncio")
        verbose_name_plural = _("anuncios")
        indexes = [models.Index(fields=["chapter", "sent_at"], name="announcement_chapter_sent")]

    def __str__(self) -> str:
        return self.subject


class SharedProject(models.Model):
    """A published need shared with a chapter: shown on its page, its members told."""

    chapter = models.ForeignKey(
        Chapter,
        verbose_name=_("capítulo"),
        on_delete=models.CASCADE,
        related_name="shared_projects",
    )
    project = models.ForeignKey(
        Project, verbose_name=_("necesidad"), on_delete=models.CASCADE, related_name="+"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compartida por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shared_at = models.DateTimeField(_("compartida"), auto_now_add=True)

    class Meta:
        ordering = ["-shared_at"]
        verbose_name = _("necesidad compartida")
        verbose_name_plural = _("necesidades compartidas")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "project"], name="shared_project_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.chapter}"
