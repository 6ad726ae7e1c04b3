"""Announcements to a chapter's members and needs shared with a chapter."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chapters import events
from chapters.models import Announcement, Chapter, SharedProject
from chapters.permissions import coordinates
from profiles.models import User
from projects.models import Project


@transaction.atomic
def announcement_send(*, chapter: Chapter, subject: str, body: str, by: User) -> Announcement:
    """Write an announcement; notifications hears `announcement_sent` and writes one notice
    (and e-mail, per preferences and unsubscribe) per active member, in this transaction.

    Refused past CHAPTERS_ANNOUNCEMENTS_PER_WEEK per chapter in any 7 days."""
    if not coordinates(by, chapter):
        raise PermissionDenied(_("Solo la coordinación del capítulo envía anuncios."))
    # Serialise this chapter's announcements so two at once cannot both pass the limit.
    Chapter.objects.select_for_update().get(pk=chapter.pk)
    limit = settings.CHAPTERS_ANNOUNCEMENTS_PER_WEEK
    since = timezone.now() - datetime.timedelta(days=7)
    if Announcement.objects.filter(chapter=chapter, sent_at__gte=since).count() >= limit:
        raise ValidationError(
            ngettext(
                "Este capítulo ya envió %(limit)d anuncio en los últimos 7 días: es el máximo. "
                "Inténtalo más adelante.",
                "Este capítulo ya envió %(limit)d anuncios en los últimos 7 días: es el máximo. "
                "Inténtalo más adelante.",
                limit,
            )
            % {"limit": limit}
        )
    announcement = Announcement.objects.create(
        chapter=chapter, subject=subject.strip(), body=body.strip(), sent_by=by
    )
    events.announcement_sent.send(sender=Announcement, announcement_id=announcement.pk)
    return announcement


@transaction.atomic
def project_share(*, chapter: Chapter, project: Project, by: User) -> SharedProject:
    """Share a published need with a chapter (idempotent: sharing twice tells nobody twice)."""
    if not coordinates(by, chapter):
        raise PermissionDenied(_("Solo la coordinación del capítulo comparte necesidades."))
    if not project.is_open:
        raise ValidationError(_("Solo se comparten necesidades publicadas y abiertas."))
    shared, created = SharedProject.objects.get_or_create(
        chapter=chapter, project=project, defaults={"shared_by": by}
    )
    if created:
        events.project_shared.send(
            sender=SharedProject, chapter_id=chapter.pk, project_id=project.pk, by_id=by.pk
        )
    return shared
